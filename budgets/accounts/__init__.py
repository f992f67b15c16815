"""Bookkeeping accounts: the chart, imported balances, and the statements built from them.

The association's books run in a member's accounting system; finsam holds what is needed to
report from them: each account's balances per year (opening, closing) and its movements per
month, imported from SIE files or trial balances. The income statement and balance sheet are
then computed here, never typed.
"""
