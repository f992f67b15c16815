from datetime import date

from finsam.lib.deadlines import interim_report_due, plan_due, plan_notice_from


def test_vaxjo_interim_report_of_august_is_due_60_days_later():
    assert interim_report_due(date(2014, 8, 31), 60) == date(2014, 10, 30)


def test_plan_due_31_days_before_its_year_is_the_first_of_december():
    assert plan_due(2014, 31) == date(2013, 12, 1)
    assert plan_due(2014, 0) == date(2014, 1, 1)


def test_plan_is_noticed_90_days_before_its_deadline():
    assert plan_notice_from(2014, 31) == date(2013, 9, 2)
