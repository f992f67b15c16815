"""Building a large installation in bulk, in PostgreSQL: rows are copied with
`INSERT ... SELECT` over `generate_series`, never through the ORM one by one nor the services.

The copying is generic (`clone`): a list of tables, each with the query of the rows to copy,
is copied `copies` times; copy k gives every row the id `id + k * span` (span: one more than
the table's highest id), and every key that points to a copied row is moved the same way, so
the copies are complete and apart. A year (`year` columns) and dates may move with k. The
tables come from the backup's registry (`finsam.backup.tables`), so a table a later version
adds is copied with the rest.

`build` grows every demo association first (Finnveden is the template of the copies): books
copied from Växjö where there are none, then funding, budgets, initiatives (with goals,
decisions and figures) and books for 20 years, a "created" history row for every row (dated
before the demo's oldest history row, so the newest changes stay the demo's); widens
the budgets to 60 lines x 5 columns; copies the template into the other associations; writes
the vouchers and lengthens the history.
"""

import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import connection, models
from django.db.models import Q, QuerySet

from finsam.backup.tables import HISTORY, HISTORY_LINK, LINK, ROW, Table, association_tables
from finsam.owned import tracked_model


def say(text: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {text}", file=sys.stderr, flush=True)


@dataclass
class Part:
    """One table to copy: its model, the rows, and columns given another value (SQL over
    `t`, the source row, and `k`, the copy's number)."""

    model: type[models.Model]
    rows: QuerySet
    kind: str = ROW
    overrides: dict[str, str] = field(default_factory=dict)


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def clone(
    parts: list[Part], copies: Iterable[int], years: Callable[[str], str] | None = None
) -> int:
    """Copy every part once for each k of `copies`; `years(k_sql)` is the SQL of the years
    copy k moves (years and dates), None to keep them. Returns the rows written."""
    ks = list(copies)
    if not ks:
        return 0
    first, last = min(ks), max(ks)
    assert ks == list(range(first, last + 1)) and first >= 1
    written = 0
    with connection.cursor() as cursor:
        spans: dict[type[models.Model], int] = {}
        sources: dict[type[models.Model], str] = {}
        for number, part in enumerate(parts):
            pk = part.model._meta.pk.column
            cursor.execute(f"SELECT coalesce(max({pk}), 0) + 1 FROM {_table(part.model)}")
            spans[part.model] = cursor.fetchone()[0]
            sql, params = part.rows.values("pk").query.sql_with_params()
            source = f"clone_source_{number}"
            cursor.execute(f"DROP TABLE IF EXISTS {source}")
            cursor.execute(f"CREATE TEMP TABLE {source} AS {sql}", params)
            if (named := _first_column(cursor, source)) != "pk":
                cursor.execute(f"ALTER TABLE {source} RENAME COLUMN {named} TO pk")
            cursor.execute(f"CREATE UNIQUE INDEX ON {source} (pk)")
            sources[part.model] = source
        # Many tables point to a model that is copied only through its history
        # (historical rows name the tracked object by its id).
        for part in parts:
            columns, chosen = [], []
            for f in part.model._meta.concrete_fields:
                columns.append(connection.ops.quote_name(f.column))
                chosen.append(_value(part, f, spans, sources, years))
            sql = (
                f"INSERT INTO {_table(part.model)} ({', '.join(columns)}) "
                f"SELECT {', '.join(chosen)} FROM {_table(part.model)} AS t "
                f"JOIN {sources[part.model]} AS s ON s.pk = t.{part.model._meta.pk.column} "
                f"CROSS JOIN generate_series({first}, {last}) AS k"
            )
            cursor.execute(sql)
            written += cursor.rowcount
        for part in parts:
            _advance_sequence(cursor, part.model)
        for source in sources.values():
            cursor.execute(f"DROP TABLE {source}")
    return written


def _first_column(cursor, table: str) -> str:
    cursor.execute(f"SELECT * FROM {table} LIMIT 0")
    return cursor.description[0].name


def _value(
    part: Part,
    f: models.Field,
    spans: dict[type[models.Model], int],
    sources: dict[type[models.Model], str],
    years: Callable[[str], str] | None,
) -> str:
    column = f"t.{connection.ops.quote_name(f.column)}"
    if f.column in part.overrides:
        return part.overrides[f.column]
    target: type[models.Model] | None = None
    if f.primary_key:
        # In bigint: growing every demo association first leaves spans of tens of millions
        # (each copy's ids start past the table's highest), and k * span in integer
        # overflows from the 30th or so copy of the template.
        return f"{column} + k::bigint * {spans[part.model]}"
    if part.kind == HISTORY and f.attname == "id":
        target = tracked_model(part.model)
    elif f.is_relation and isinstance(f.related_model, type):
        target = f.related_model
    if target is not None and target in spans:
        # A key to a row that is copied too moves with it; a key to a row that is not
        # (a shared member, a goal of the association above an initiative's) stays.
        return (
            f"CASE WHEN {column} IN (SELECT pk FROM {sources[target]}) "
            f"THEN {column} + k::bigint * {spans[target]} ELSE {column} END"
        )
    if years is not None and f.column == "year" and isinstance(f, models.IntegerField):
        return f"{column} + {years('k')}"
    if (
        years is not None
        and isinstance(f, models.DateField)
        and not isinstance(f, models.DateTimeField)
    ):
        return f"({column} + make_interval(years => {years('k')}))::date"
    return column


def _advance_sequence(cursor, model: type[models.Model]) -> None:
    pk = model._meta.pk.column
    table = model._meta.db_table
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence(%s, %s), "
        f"(SELECT coalesce(max({pk}), 1) FROM {_table(model)}))",
        [table, pk],
    )


def _subtree(
    tables: list[Table], root: type[models.Model], link: str, ids: list[int]
) -> list[Part]:
    """The root rows `ids` and every row under them: tables whose path to the association
    passes through `link` (the key to the root)."""
    parts = [Part(root, root._default_manager.filter(pk__in=ids))]
    for table in tables:
        if table.kind not in (ROW, LINK) or table.model is root:
            continue
        tail = f"{link}__association"
        if table.path == tail or table.path.endswith(f"__{tail}"):
            lookup = table.path[: -len("association")] + "in"
            parts.append(
                Part(table.model, table.model._default_manager.filter(**{lookup: ids}), table.kind)
            )
    return parts


LAST = 2023  # the window of years: FIRST_YEAR (2004) of finsam.lib.years and on
BOOKS = 2014  # the demo's year of books and initiatives


def grow_template(slug: str, years: int, before: str) -> None:
    """The template association with books and `years` years of everything, its history
    dated before `before` (`created_history`)."""
    from budgets.accounts.models import Account, MonthMovement, Voucher, YearBalance
    from budgets.models import BudgetDocument
    from finsam.models import Association, ImportBatch
    from initiatives.models import Goal, Initiative
    from members.models import FundingYear, PopulationFigure

    tables = association_tables()
    template = Association.objects.get(slug=slug)
    if not Account.objects.filter(association=template).exists():
        books = Association.objects.get(slug="vaxjo")
        moved = {"association_id": str(template.pk)}
        parts = [
            Part(model, model._default_manager.filter(association=books), overrides=moved)
            for model in (ImportBatch, Account, MonthMovement, YearBalance, Voucher)
        ]
        parts[1].overrides = {**moved, "budget_line_id": "NULL"}
        clone(parts, [1])
        say("books copied from vaxjo")
    window = range(LAST - years + 1, LAST + 1)

    def moves(source: int, taken: Iterable[int]) -> tuple[range, Callable[[str], str]]:
        """The copies of a year's rows into the window's free years: copy k moves them by
        the k-th shift (as SQL: an array indexed by k)."""
        shifts = [y - source for y in window if y not in set(taken)]
        array = f"(ARRAY[{', '.join(map(str, shifts))}])"
        return range(1, len(shifts) + 1), lambda k: f"{array}[{k}]"

    written = 0
    funding = FundingYear.objects.filter(association=template).order_by("-year").first()
    if funding:
        taken = FundingYear.objects.filter(association=template).values_list("year", flat=True)
        copies, by = moves(funding.year, taken)
        written += clone(_subtree(tables, FundingYear, "funding_year", [funding.pk]), copies, by)
    figure = PopulationFigure.objects.filter(association=template).order_by("-date").first()
    if figure:
        figures = PopulationFigure.objects.filter(association=template)
        taken = {d.year + 1 for d in figures.values_list("date", flat=True)}
        copies, by = moves(figure.date.year + 1, taken)
        same = figures.filter(date=figure.date)
        written += clone([Part(PopulationFigure, same)], copies, by)
    budget = BudgetDocument.objects.filter(association=template).order_by("-year").first()
    if budget:
        taken = BudgetDocument.objects.filter(association=template).values_list("year", flat=True)
        copies, by = moves(budget.year, taken)
        written += clone(_subtree(tables, BudgetDocument, "document", [budget.pk]), copies, by)
    initiatives = list(Initiative.objects.filter(association=template).values_list("pk", flat=True))
    # A copy's name ends with its year: one ending with the window's last says it is done.
    done = Initiative.objects.filter(association=template, name__endswith=f" {LAST}").exists()
    copies, by = moves(BOOKS, window if done else [BOOKS])
    parts = _subtree(tables, Initiative, "initiative", initiatives)
    parts[0].overrides = {"name": f"t.name || ' ' || ({BOOKS} + {by('k')})"}
    parts.append(Part(Goal, Goal.objects.filter(initiative__in=initiatives)))
    written += clone(parts, copies, by)
    for model in (MonthMovement, YearBalance):
        booked = model._default_manager.filter(association=template)
        copies, by = moves(BOOKS, booked.values_list("year", flat=True).distinct())
        written += clone([Part(model, booked.filter(year=BOOKS))], copies, by)
    say(f"template grown to {years} years: {written} rows")
    written = created_history(tables, template, before)
    say(f"template history: {written} rows")


def widen_budgets() -> int:
    """Every budget 60 lines x 5 columns: columns for plan years, and amount lines in its
    first cost section, each with an amount in every column. The demo's own budget of each
    demo association (its lowest id) is kept as it is: the pages measured on the demo are
    measured again."""
    from django.db.models import Count, Min

    from budgets.models import BudgetAmount, BudgetColumn, BudgetDocument, BudgetLine

    kept = (
        BudgetDocument.objects.exclude(association__slug__startswith="skala-")
        .values("association")
        .annotate(first=Min("pk"))
        .values_list("first", flat=True)
    )
    narrow = (
        BudgetDocument.objects.exclude(pk__in=list(kept))
        .annotate(width=Count("columns", distinct=True), length=Count("lines", distinct=True))
        .filter(Q(width__lt=5) | Q(length__lt=60))
    )
    widened = 0
    for document in narrow:
        widened += 1
        columns = list(document.columns.all())
        last = max(c.year for c in columns)
        order = max(c.order for c in columns)
        added = [
            BudgetColumn(
                document=document,
                order=order + n,
                kind="plan",
                year=last + n,
                label=f"Plan {last + n}",
            )
            for n in range(1, 6 - len(columns))
            if len(columns) < 5
        ]
        BudgetColumn.objects.bulk_create(added)
        columns += added
        lines = list(document.lines.all())
        section = next(s for s in document.sections.all() if s.is_cost)
        new = [
            BudgetLine(document=document, section=section, order=1000 + n, label=f"Kostnad {n}")
            for n in range(1, 61 - len(lines))
        ]
        BudgetLine.objects.bulk_create(new)
        have = set(
            BudgetAmount.objects.filter(line__document=document).values_list("line", "column")
        )
        BudgetAmount.objects.bulk_create(
            BudgetAmount(line=line, column=column, amount=Decimal(1000 * (line.order % 97)))
            for line in lines + new
            if line.kind == "amount"
            for column in columns
            if (line.pk, column.pk) not in have
        )
    return widened


def oldest_history() -> str:
    """The time of the oldest history row of the installation (now if there is none), as an
    SQL literal: grown history is dated before it (see `created_history`)."""
    tables = [t.model for t in association_tables() if t.kind == HISTORY]
    union = " UNION ALL ".join(f"SELECT min(history_date) AS at FROM {_table(m)}" for m in tables)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT coalesce(min(at), now()) FROM ({union}) AS h")
        return f"'{cursor.fetchone()[0].isoformat()}'::timestamptz"


def created_history(tables: list[Table], association, before: str) -> int:
    """A "created" history row for every row of the association that has none, dated in the
    ten years before `before` (SQL of a time: the oldest history row when the build began).

    A grown history is old: dated before every row of the demo, so the newest rows of a
    grown association (its start page's latest changes, the history log's first page) are
    the demo's own, and its pages show what the demo's show.
    """
    written = 0
    with connection.cursor() as cursor:
        for table in tables:
            if table.kind != HISTORY:
                continue
            model = tracked_model(table.model)
            own = next(t for t in tables if t.model is model)
            lookup = "pk" if own.path == "pk" else own.path
            rows = model._default_manager.filter(**{lookup: association.pk})
            sql, params = rows.values("pk").query.sql_with_params()
            tracked = {f.attname for f in model._meta.concrete_fields}
            columns, chosen = [], []
            for f in table.model._meta.concrete_fields:
                if f.primary_key:
                    continue
                columns.append(connection.ops.quote_name(f.column))
                if f.attname in tracked:
                    chosen.append(f"t.{connection.ops.quote_name(f.column)}")
                elif f.attname == "history_date":
                    chosen.append(
                        f"{before} - interval '1 second' - random() * interval '3650 days'"
                    )
                elif f.attname == "history_type":
                    chosen.append("'+'")
                elif f.attname == "history_association_id":
                    chosen.append(str(association.pk))
                else:
                    chosen.append("NULL")
            cursor.execute(
                f"INSERT INTO {_table(table.model)} ({', '.join(columns)}) "
                f"SELECT {', '.join(chosen)} FROM {_table(model)} AS t "
                f"WHERE t.{model._meta.pk.column} IN ({sql}) AND NOT EXISTS "
                f"(SELECT 1 FROM {_table(table.model)} h WHERE h.id = t.{model._meta.pk.column})",
                params,
            )
            written += cursor.rowcount
    return written


def copy_association(slug: str, associations: int) -> None:
    """Copies of the template until the installation has `associations` associations."""
    from finsam.models import Association

    have = Association.objects.count()
    if have >= associations:
        return
    template = Association.objects.get(slug=slug)
    parts = []
    for table in association_tables():
        lookup = "pk" if table.path == "pk" else table.path
        rows = table.model._default_manager.filter(**{lookup: template.pk})
        parts.append(Part(table.model, rows, table.kind))
    parts[0].overrides = {
        "slug": "'skala-' || k",
        "name": "'Samordningsförbundet Skala ' || k",
        "org_number": "'2222' || lpad(k::text, 6, '0')",
    }
    assert parts[0].model is Association
    written = clone(parts, range(1, associations - have + 1))
    say(f"{associations - have} associations copied: {written} rows")


def write_vouchers(per_year: int, minutes: float) -> None:
    """`per_year` vouchers in every year an association has books, each with rows on two of
    its accounts, in one import of the association's. One statement (and commit) per
    association, skipping one that has them already (a build can be run again); after
    `minutes` the rest is left out, and said.

    Loading is what bulk loads do: the plain indexes are dropped and built again after, and
    the foreign-key triggers are off while the rows (whose keys are read from the database)
    go in; the unique index stays, so a number is never written twice.
    """
    from budgets.accounts.models import MonthMovement, Voucher

    started = time.perf_counter()
    associations = list(
        MonthMovement.objects.values_list("association", flat=True).distinct().order_by()
    )
    written = 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
            "AND indexdef NOT LIKE 'CREATE UNIQUE%%'",
            [Voucher._meta.db_table],
        )
        plain = cursor.fetchall()
        for name, _definition in plain:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        cursor.execute("SET session_replication_role = replica")
        try:
            for done, association in enumerate(sorted(associations)):
                if time.perf_counter() - started > minutes * 60:
                    say(f"vouchers: time is up after {done} of {len(associations)} associations")
                    break
                written += _vouchers_of(cursor, association, per_year)
                if done % 10 == 9:
                    say(f"vouchers: {written} written ({done + 1} associations)")
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")
            for _name, definition in plain:
                cursor.execute(definition)
    say(f"vouchers: {written} written")


def _vouchers_of(cursor, association: int, per_year: int) -> int:
    from budgets.accounts.models import Account, MonthMovement, Voucher
    from finsam.models import ImportBatch

    cursor.execute(
        f"SELECT 1 FROM {_table(Voucher)} WHERE association_id = %s AND series = 'S' "
        "AND number = %s LIMIT 1",
        [association, str(per_year)],
    )
    if cursor.fetchone():
        return 0
    cursor.execute(
        f"""INSERT INTO {_table(Voucher)} (association_id, year, series, number, date,
            amounts, batch_id)
        SELECT %(a)s, y.year, 'S', g::text, make_date(y.year, 1, 1) + (g %% 365),
               jsonb_build_object(c.cost, (g %% 900 + 100)::text || '.00',
                                  c.bank, '-' || (g %% 900 + 100)::text || '.00'),
               c.batch
        FROM (SELECT DISTINCT year FROM {_table(MonthMovement)}
              WHERE association_id = %(a)s) AS y
        CROSS JOIN (SELECT
            (SELECT min(number) FROM {_table(Account)}
             WHERE association_id = %(a)s AND number LIKE '5%%') AS cost,
            (SELECT min(number) FROM {_table(Account)}
             WHERE association_id = %(a)s AND number LIKE '19%%') AS bank,
            (SELECT min(id) FROM {_table(ImportBatch)}
             WHERE association_id = %(a)s) AS batch) AS c
        CROSS JOIN generate_series(1, %(n)s) AS g
        WHERE c.batch IS NOT NULL AND c.cost IS NOT NULL AND c.bank IS NOT NULL
        ON CONFLICT DO NOTHING""",
        {"a": association, "n": per_year},
    )
    return cursor.rowcount


def lengthen_history(rows: int) -> None:
    """The budget figures' history up to `rows` rows (more changes copied from those there,
    spread over the associations); nothing if it has them already.

    Each copy is moved back by the span of the whole history and g minutes more, so every
    added row is older than the oldest row there (as `created_history`'s): the newest
    changes of every association stay the ones it had.
    """
    from budgets.models import BudgetAmount

    history = BudgetAmount.history.model
    columns = [f.column for f in history._meta.concrete_fields if not f.primary_key]
    tables = [t.model for t in association_tables() if t.kind == HISTORY]
    span = " UNION ALL ".join(
        f"SELECT min(history_date) AS at, max(history_date) AS until FROM {_table(m)}"
        for m in tables
    )
    chosen = ", ".join(
        "h.history_date - s.span - (g * interval '1 minute')"
        if c == "history_date"
        else "'~'"
        if c == "history_type"
        else f"h.{c}"
        for c in columns
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {_table(history)}")
        have = cursor.fetchone()[0]
        if have >= rows:
            return
        each = -(-(rows - have) // max(have, 1))
        cursor.execute(
            f"""INSERT INTO {_table(history)} ({", ".join(columns)})
            SELECT {chosen} FROM {_table(history)} AS h CROSS JOIN generate_series(1, %s) AS g
            CROSS JOIN (SELECT max(until) - min(at) AS span FROM ({span}) AS a) AS s
            LIMIT %s""",
            [each, rows - have],
        )
        say(f"history: {cursor.rowcount} budget-figure changes written")


def analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def build(
    slug: str,
    associations: int,
    years: int,
    vouchers: int,
    history: int,
    voucher_minutes: float = 60,
) -> None:
    """Grow every demo association to `years` years (`slug` is the template of the copies),
    then copy the template until there are `associations`."""
    from finsam.models import Association

    started = time.perf_counter()
    before = oldest_history()  # the demo's oldest row: the grown history is older
    demo = Association.objects.exclude(slug__startswith="skala-").order_by("pk")
    for name in demo.values_list("slug", flat=True):
        grow_template(name, years, before)
    say(f"budgets widened: {widen_budgets()}")
    copy_association(slug, associations)
    say(f"budgets widened: {widen_budgets()}")
    write_vouchers(vouchers, voucher_minutes)
    if history > 0:
        lengthen_history(history)
    analyze()
    say(f"built in {time.perf_counter() - started:.0f} s")


def sizes() -> dict[str, int]:
    """Rows of the tables that carry the volume."""
    from budgets.accounts.models import MonthMovement, Voucher
    from budgets.models import BudgetAmount, BudgetDocument, BudgetLine
    from finsam.models import Association
    from initiatives.models import Decision, Goal, Initiative
    from members.models import FundingYear, Membership

    found = {
        m._meta.label_lower: m._default_manager.count()
        for m in (
            Association,
            Membership,
            FundingYear,
            BudgetDocument,
            BudgetLine,
            BudgetAmount,
            Initiative,
            Decision,
            Goal,
            MonthMovement,
            Voucher,
        )
    }
    with connection.cursor() as cursor:
        total = 0
        for table in association_tables():
            if table.kind in (HISTORY, HISTORY_LINK):
                cursor.execute(f"SELECT count(*) FROM {_table(table.model)}")
                total += cursor.fetchone()[0]
        found["history (all tables)"] = total
    return found


__all__ = ["build", "sizes", "date"]
