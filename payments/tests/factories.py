import factory

from accounts.tests.factories import RecruiterFactory
from jobs.tests.factories import PublishedJobFactory
from payments.models import Order, OrderStatus, Product
from payments.services import new_order_id


def product(code: str) -> Product:
    """Products come from the data migration (POL-P-001)."""
    return Product.objects.get(code=code)


class PendingTossOrderFactory(factory.django.DjangoModelFactory):
    """A premium_7 order for a published job of its buyer, waiting for Toss."""

    class Meta:
        model = Order

    buyer = factory.SubFactory(RecruiterFactory)
    product = factory.LazyFunction(lambda: product("premium_7"))
    job = factory.LazyAttribute(lambda o: PublishedJobFactory(owner=o.buyer))
    order_id = factory.LazyFunction(new_order_id)
    order_name = factory.LazyAttribute(lambda o: o.product.name_ko)
    amount = factory.LazyAttribute(lambda o: o.product.price)
    provider = "toss"
    status = OrderStatus.PENDING


class PendingIamportOrderFactory(PendingTossOrderFactory):
    provider = "iamport"


class PendingPortOneOrderFactory(PendingTossOrderFactory):
    provider = "portone"


class PendingTopupOrderFactory(PendingTossOrderFactory):
    product = factory.LazyFunction(lambda: product("topup_50000"))
    job = None


class PendingIamportTopupOrderFactory(PendingTopupOrderFactory):
    provider = "iamport"


class PendingPortOneTopupOrderFactory(PendingTopupOrderFactory):
    provider = "portone"
