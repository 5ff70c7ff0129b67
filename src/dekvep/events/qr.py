"""QR codes as SVG (for pages) and as data URIs (for the PDF)."""

import base64
import io

import qrcode
import qrcode.image.svg


def qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return image.to_string(encoding="unicode")


def qr_data_uri(data: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(data).encode()).decode()


def qr_png_data_uri(data: str) -> str:
    """A small PNG: much cheaper than SVG for the PDF renderer to lay out."""
    code = qrcode.QRCode(box_size=4, border=2, mask_pattern=0)  # fixed mask: no costly search
    code.add_data(data)
    image = code.make_image()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
