// Check-in page: scan a QR code with the camera where the browser can (BarcodeDetector);
// typing the code always works.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-scan]");
  if (!button) return;
  const input = document.querySelector(button.dataset.scan);
  const video = document.getElementById("scan-video");
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) {
    button.disabled = true;
    button.textContent = button.dataset.unsupported || "—";
    input.focus();
    return;
  }
  const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
  video.srcObject = stream;
  video.hidden = false;
  await video.play();
  const tick = async () => {
    const codes = await detector.detect(video).catch(() => []);
    if (codes.length) {
      stream.getTracks().forEach((track) => track.stop());
      video.hidden = true;
      input.value = codes[0].rawValue;
      input.form.requestSubmit();
      return;
    }
    requestAnimationFrame(tick);
  };
  tick();
});
document.body && document.body.addEventListener("htmx:afterRequest", (event) => {
  const form = document.getElementById("checkin-form");
  if (form && event.detail.elt === form) {
    form.reset();
    form.querySelector("input[name=code]").focus();
  }
});
