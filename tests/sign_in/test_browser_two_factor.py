"""In the browser: office staff turn two-factor sign-in on, sign out, and sign in with a code."""

from base64 import b32decode
from binascii import hexlify

import pytest
from playwright.sync_api import expect

from finsam.demo import DEMO_PASSWORD
from tests.browser import log_in
from tests.sign_in.helpers import code_for

pytestmark = pytest.mark.browser


def key_on_page(page) -> str:
    """The secret the page shows for typing by hand, as the hex key django-otp keeps."""
    text = page.locator("code.secret").inner_text().replace(" ", "")
    return hexlify(b32decode(text)).decode()


def test_enrol_then_sign_in_with_a_code(live_demo, live_server, page, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after the wrong code below
    log_in(page, live_server, "kansli")
    page.click("text=Slå på tvåstegsverifiering")
    expect(page.locator("h1")).to_have_text("Tvåstegsverifiering")
    expect(page.locator(".qr svg")).to_be_visible()
    key = key_on_page(page)
    page.fill("#id_code", code_for(key))
    page.click("text=Slå på tvåstegsverifiering >> nth=-1")
    expect(page.locator(".messages")).to_contain_text("Tvåstegsverifieringen är på")
    expect(page.locator(".backup-codes li")).to_have_count(10)

    page.click("text=Logga ut")
    page.goto(f"{live_server.url}/finnveden/")
    page.fill("#id_username", "kansli")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_have_text("Ange koden")
    page.fill("#id_code", "000000")
    page.click("text=Logga in")
    expect(page.locator("[role=alert]")).to_contain_text("Koden stämmer inte")
    page.fill("#id_code", code_for(key, 1))
    page.click("text=Logga in")
    page.wait_for_url(f"{live_server.url}/finnveden/")
    expect(page.locator("nav .assoc")).to_have_text("Finnvedens samordningsförbund")
