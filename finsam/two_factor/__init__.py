"""Two-factor sign-in (tvåstegsverifiering) with a code from an authenticator app.

Anyone may turn it on (the start page and the top bar offer it to every user), and an
association can require it of everyone with a role there (`requirement`). With it on,
signing in takes two steps: the password (Django's login form, limited by django-axes), then a
six-digit TOTP code or one of ten one-time backup codes (django-otp's TOTP and static
devices). Between the steps the user is signed in but not verified: `middleware` sends every
page but the code step, sign-in and sign-out to the code step.

Wrong codes are limited twice: django-otp throttles the device (1, 2, 4, 8 ... seconds between
tries, kept on the device until a right code), and each wrong code counts as a failed sign-in
for django-axes, so the account is locked at that address for 15 minutes after five failures
in a row, wrong passwords and wrong codes together (everywhere after 20, `finsam.lockout`).
The count is cleared only when a sign-in is complete (password alone for users without the
second step).
"""
