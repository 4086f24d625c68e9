from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = "Payments"

    def ready(self):
        from payments import personal_data

        personal_data.register()  # orders in "download my data" (ADR 0072)
