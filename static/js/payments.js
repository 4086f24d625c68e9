// Production checkout: opens the gateway's payment window with the parameters the server
// prepared (the amount comes from the server; the gateway's answer is checked server-side).
(function () {
  "use strict";
  var data = document.getElementById("payments-checkout");
  var button = document.getElementById("payments-open");
  var status = document.getElementById("payments-status");
  if (!data || !button) {
    return;
  }
  var params = JSON.parse(data.textContent);

  function openToss() {
    var toss = window.TossPayments(params.clientKey);
    return toss.payment({ customerKey: window.TossPayments.ANONYMOUS }).requestPayment({
      method: "CARD",
      amount: { currency: "KRW", value: params.amount },
      orderId: params.orderId,
      orderName: params.orderName,
      customerEmail: params.customerEmail,
      successUrl: params.successUrl,
      failUrl: params.failUrl,
    });
  }

  function openIamport() {
    window.IMP.init(params.impCode);
    window.IMP.request_pay(
      {
        merchant_uid: params.merchant_uid,
        name: params.name,
        amount: params.amount,
        buyer_email: params.buyer_email,
        m_redirect_url: params.m_redirect_url,
      },
      function (response) {
        var query = new URLSearchParams({
          imp_uid: response.imp_uid || "",
          merchant_uid: params.merchant_uid,
          imp_success: String(Boolean(response.success)),
          error_msg: response.error_msg || "",
        });
        window.location.assign(params.m_redirect_url + "?" + query.toString());
      }
    );
  }

  // PortOne V2: the SDK's promise answers on desktop (mobile browsers follow redirectUrl
  // themselves); either way the return page asks PortOne's API what happened.
  function openPortOne() {
    return window.PortOne.requestPayment(params).then(function (response) {
      var query = new URLSearchParams({ paymentId: params.paymentId });
      if (response && response.code) {
        query.set("code", response.code);
        query.set("message", response.message || "");
      }
      window.location.assign(params.redirectUrl + "?" + query.toString());
    });
  }

  var openers = { toss: openToss, iamport: openIamport, portone: openPortOne };

  button.addEventListener("click", function () {
    try {
      var opened = openers[button.dataset.provider]();
      if (opened && opened.catch) {
        opened.catch(function (error) {
          status.textContent = error.message;
        });
      }
    } catch (error) {
      status.textContent = error.message;
    }
  });
})();
