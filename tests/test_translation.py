"""Every user-visible text is marked for translation, so `makemessages` extracts the whole UI.

Templates: each is split with Django's own template lexer; what is left once tags, variables,
comments and translate/blocktranslate blocks are removed must hold no words, neither between
HTML tags nor in the attributes a reader or a screen reader sees.
Code: every model field, model name, choice label and form field label in the project's apps is a
lazy translation proxy (a plain str would reach the page untranslated).
"""

import ast
import re
import shutil
from importlib import import_module
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.template.base import Lexer, TokenType
from django.utils.functional import Promise
from djmoney.models.fields import CurrencyField

PROJECT_APPS = ("members", "initiatives", "budgets", "reports", "finsam")

# Words that are the same in every language; each with its reason.
ALLOWED_WORDS = {
    "finsam",  # the product's name
    "kr",  # currency unit, printed beside amounts
    "tkr",  # thousand kronor, the unit of the report tables
    "xlsx",  # file format
    "PDF",  # file format
    "SHA",  # the checksum algorithm SHA-256
}

VISIBLE_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder", "aria-description")
# A word of two letters or more, or an abbreviation such as "t.o.m.".
WORD = re.compile(r"[^\W\d_]{2,}|(?:[^\W\d_]\.){2,}")
TAG = re.compile(r"<[^>]*>", re.DOTALL)
ATTRIBUTE = re.compile(
    r"""\b({})\s*=\s*(["'])(.*?)\2""".format("|".join(VISIBLE_ATTRIBUTES)), re.DOTALL
)
INVISIBLE_ELEMENT = re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL | re.IGNORECASE)
ENTITY = re.compile(r"&#?\w+;")
# A quoted literal passed to a filter or an include (`default:"Ingen"`, `with label="Summa"`)
# reaches the page just like text; `_("…")` marks it.
LITERAL_ARGUMENT = re.compile(
    r"""(?<!_\()(?:default(?:_if_none)?:|\bwith\b[^%]*?=)\s*(["'])(.*?)\1"""
)


def template_files() -> list[Path]:
    roots = [Path(root) for root in settings.TEMPLATES[0]["DIRS"]]
    roots += [
        Path(app.path) / "templates" for app in apps.get_app_configs() if app.name in PROJECT_APPS
    ]
    return sorted(path for root in roots if root.is_dir() for path in root.rglob("*.html"))


def untranslated_words(source: str) -> list[str]:
    """The words of a template that would reach the page untranslated."""
    visible, skipping = [], None
    for token in Lexer(source).tokenize():
        command = (
            token.contents.split()[0]
            if token.token_type == TokenType.BLOCK and token.contents
            else ""
        )
        if skipping:
            skipping = None if command == skipping else skipping
        elif command in ("blocktranslate", "blocktrans"):
            skipping = "end" + command
        elif command == "comment":
            skipping = "endcomment"
        elif token.token_type == TokenType.TEXT:
            visible.append(token.contents)
        else:
            visible.append(" ")
            visible.extend(match[1] for match in LITERAL_ARGUMENT.findall(token.contents))
    text = INVISIBLE_ELEMENT.sub(" ", "".join(visible))
    shown = [value for _name, _quote, value in ATTRIBUTE.findall(text)] + [TAG.sub(" ", text)]
    words = WORD.findall(ENTITY.sub(" ", " ".join(shown)))
    return [word for word in words if word not in ALLOWED_WORDS]


def test_the_scanner_finds_text_attributes_and_literals_but_not_marked_text():
    source = (
        '{% load i18n %}<h1 title="Rubrik">Budget {{ year }}</h1>'
        '{% translate "Klart" %}{% blocktranslate %}År {{ y }}{% endblocktranslate %}'
        '{{ x|default:"Ingen" }}{{ y|default:_("Ingen") }}<a class="link" href="/x">&nbsp;</a>'
        "{# en kommentar #}{% comment %}en till{% endcomment %}<script>let a = 1;</script>"
    )
    assert untranslated_words(source) == ["Rubrik", "Budget", "Ingen"]


@pytest.mark.parametrize(
    "path", template_files(), ids=lambda path: str(path.relative_to(settings.BASE_DIR))
)
def test_template_has_no_unmarked_text(path):
    assert untranslated_words(path.read_text(encoding="utf-8")) == []


def project_models():
    # History tables copy their model's fields; simple_history names them lazily itself.
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS and not hasattr(model, "instance_type")
    ]


def named_by_django(field) -> bool:
    """A field without its own verbose_name gets one made from its Python name."""
    return field.verbose_name == field.name.replace("_", " ")


@pytest.mark.parametrize("model", project_models(), ids=lambda model: model._meta.label)
def test_model_names_fields_and_choices_are_lazy_translations(model):
    opts = model._meta
    plain = [
        name
        for name in ("verbose_name", "verbose_name_plural")
        if not isinstance(getattr(opts, name), Promise)
    ]
    for field in opts.get_fields():
        # django-money adds a currency column beside each amount; SEK is its only choice.
        if field.auto_created or not field.concrete or isinstance(field, CurrencyField):
            continue
        if not isinstance(field.verbose_name, Promise) and not named_by_django(field):
            plain.append(f"{field.name}.verbose_name")
        if field.help_text and not isinstance(field.help_text, Promise):
            plain.append(f"{field.name}.help_text")
        plain += [
            f"{field.name} choice {value!r}"
            for value, label in field.flatchoices
            if not isinstance(label, Promise) and WORD.search(str(label))
        ]
    assert plain == []


def project_forms():
    found = []
    for app in apps.get_app_configs():
        if app.name not in PROJECT_APPS:
            continue
        try:
            module = import_module(f"{app.name}.forms")
        except ImportError:
            continue
        found += [
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, forms.BaseForm)
            and value.__module__ == module.__name__
        ]
    return found


@pytest.mark.parametrize(
    "form_class", project_forms(), ids=lambda form: f"{form.__module__}.{form.__name__}"
)
def test_form_labels_and_help_texts_are_lazy_translations(form_class):
    plain = []
    for name, field in form_class.base_fields.items():
        for attribute in ("label", "help_text"):
            value = getattr(field, attribute)
            if value and not isinstance(value, Promise):
                plain.append(f"{name}.{attribute}")
    assert plain == []


# Code: a string literal in one of these places reaches a user; it must go through gettext.
USER_FACING_KEYWORDS = {
    "verbose_name",
    "verbose_name_plural",
    "label",
    "help_text",
    "empty_label",
    "violation_error_message",
    "message",
    "reason",  # the history log shows why a change was made
    "what",  # names what a refused stale save was about
}
USER_FACING_CALLS = {
    "ValidationError",
    "success",
    "error",
    "info",
    "warning",
    "stale_message",
    "year_range_message",
}
# Names assigned a text or a dict of texts: Meta.verbose_name, a ModelForm's Meta.labels.
USER_FACING_NAMES = {"verbose_name", "verbose_name_plural", "labels", "help_texts"}
# A model field's first positional argument is its verbose_name; a relation's is its target.
RELATIONS = {"ForeignKey", "OneToOneField", "ManyToManyField"}
CHOICES_BASES = {"TextChoices", "IntegerChoices", "Choices"}
# finsam/lib has its own marker and its own scan (below); management commands print developer
# output.
SKIPPED_PARTS = {"migrations", "management", "tests", "lib"}


def project_python_files() -> list[Path]:
    base = Path(settings.BASE_DIR)
    return sorted(
        path
        for app in PROJECT_APPS
        for path in (base / app).rglob("*.py")
        if not SKIPPED_PARTS.intersection(path.relative_to(base).parts)
    )


def is_text(node: ast.AST) -> bool:
    """A plain or formatted string literal holding words."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(WORD.search(node.value))
    # An f-string that only joins translated parts ("{where}: {error}") has no words of its own.
    return isinstance(node, ast.JoinedStr) and any(map(is_text, node.values))


def texts_in(node: ast.AST | None) -> list[ast.AST]:
    """The node itself, or the values of a dict literal, that are plain texts."""
    values = node.values if isinstance(node, ast.Dict) else [node]
    return [value for value in values if value is not None and is_text(value)]


def name_of(node: ast.AST) -> str:
    return getattr(node, "attr", getattr(node, "id", ""))


def labelled_helpers(tree: ast.AST) -> set[str]:
    """Local helpers taking a label first, such as `_date("Startdatum")` in a forms module."""
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and node.args.args
        and node.args.args[0].arg in ("label", "verbose_name")
    }


def user_texts(tree: ast.AST, helpers: frozenset[str] = frozenset()) -> list[ast.AST]:
    """The string literals of a module that reach a user without passing through gettext."""
    helpers = helpers | labelled_helpers(tree)
    found: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = name_of(node.func)
            for keyword in node.keywords:
                if keyword.arg in USER_FACING_KEYWORDS or keyword.arg == "error_messages":
                    found += texts_in(keyword.value)
            if name in USER_FACING_CALLS:
                found += [argument for argument in node.args[:2] if is_text(argument)]
            field = name.endswith("Field") and name not in RELATIONS
            if (field or name in helpers) and node.args:
                found += texts_in(node.args[0])
        elif isinstance(node, ast.Assign) and any(
            name_of(target) in USER_FACING_NAMES for target in node.targets
        ):
            found += texts_in(node.value)
        elif (
            isinstance(node, ast.ClassDef)
            and {name_of(base) for base in node.bases} & CHOICES_BASES
        ):
            for statement in node.body:
                value = getattr(statement, "value", None)
                if isinstance(statement, ast.Assign) and isinstance(value, ast.Tuple):
                    found += texts_in(value.elts[-1])
    return found


def unmarked_literals(tree: ast.AST, helpers: frozenset[str] = frozenset()) -> list[int]:
    return sorted(node.lineno for node in user_texts(tree, helpers))


def parsed(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"))


# Helpers shared between apps, such as finsam.fields.sek_field("belopp").
SHARED_HELPERS = frozenset(
    name for path in project_python_files() for name in labelled_helpers(parsed(path))
)


def test_the_code_scanner_finds_plain_labels_messages_and_choices():
    source = (
        'forms.CharField(label="Rubrik")\n'
        'forms.CharField(label=_("Rubrik"))\n'
        'raise ValidationError(f"Fel {x}")\n'
        "class Kind(models.TextChoices):\n"
        '    A = "a", "Ett"\n'
        '    B = "b", _("Två")\n'
        "class Meta:\n"
        '    verbose_name = "budget"\n'
        'title = models.CharField("rubrik", max_length=9)\n'
        'member = models.ForeignKey("members.Member", on_delete=models.PROTECT)\n'
        'day = forms.DateField(error_messages={"required": "Ange dag."})\n'
        "def _date(label):\n"
        "    return forms.DateField(label=label)\n"
        'start = _date("Startdatum")\n'
        'with recording(user=user, reason=f"Ny budget {year}"):\n    pass\n'
    )
    assert unmarked_literals(ast.parse(source)) == [1, 3, 5, 8, 9, 11, 14, 15]


@pytest.mark.parametrize(
    "path", project_python_files(), ids=lambda path: str(path.relative_to(settings.BASE_DIR))
)
def test_module_has_no_unmarked_user_text(path):
    assert unmarked_literals(parsed(path), SHARED_HELPERS) == []


# finsam/lib stays free of Django (import-linter): it marks its messages with the gettext and
# gettext_noop of finsam.lib.text, which translate through Django's gettext once the app runs.
LIB_MARKERS = {"_", "gettext", "gettext_noop"}
# Reports print their dates in Swedish whatever the interface language (see its docstring).
# dates.py: month names; textwidth.py: a table of letters and their widths in the font.
LIB_FIXED_SWEDISH = {"dates.py", "textwidth.py"}
# A lower-case word beside a space, or a Swedish letter: a sentence someone reads. Record names
# ("#VER"), encodings ("cp437"), part names ("xl/workbook.xml") and units ("64 KB") are not.
LIB_SENTENCE = re.compile(r"[a-zåäöé]{2,}\s|\s[a-zåäöé]{2,}|[åäöÅÄÖ]")


def lib_texts(tree: ast.AST) -> list[ast.AST]:
    """The string literals of a finsam/lib module that read as sentences and are not marked."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skipped.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.Call) and name_of(node.func) in LIB_MARKERS:
            skipped.update(id(argument) for argument in node.args)
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(value) for value in node.values)
    found: list[ast.AST] = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(value.value for value in node.values if isinstance(value, ast.Constant))
        else:
            continue
        if LIB_SENTENCE.search(text):
            found.append(node)
    return found


def lib_python_files() -> list[Path]:
    lib = Path(settings.BASE_DIR) / "finsam" / "lib"
    return sorted(path for path in lib.rglob("*.py") if path.name not in LIB_FIXED_SWEDISH)


def test_the_lib_scanner_finds_unmarked_sentences_but_not_names_or_marked_text():
    source = (
        '"""En modul."""\n'
        'raise ValueError("Beloppet är fel.")\n'
        'message = f"Rad {line}: filen är trasig"\n'
        'raise ValueError(_("Beloppet är fel."))\n'
        'USAGE = gettext_noop("#KONTO kontonr kontonamn")\n'
        'text = _("Rad %(line)s") % {"line": line}\n'
        'labels = ("#VER", "cp437", "xl/workbook.xml", "64 KB", f"#VER {head}")\n'
        'hint = "på nytt"\n'
    )
    assert sorted(node.lineno for node in lib_texts(ast.parse(source))) == [2, 3, 8]


@pytest.mark.parametrize(
    "path", lib_python_files(), ids=lambda path: str(path.relative_to(settings.BASE_DIR))
)
def test_lib_module_has_no_unmarked_message(path):
    assert sorted(node.lineno for node in lib_texts(parsed(path))) == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="makemessages needs GNU gettext")
def test_makemessages_extracts_templates_and_code(tmp_path, settings):
    """The catalogue a translator would get holds the page texts, the code's messages with
    named placeholders, and the plural forms. (Not committed: the source language is
    Swedish, so a Swedish .po has no translations to hold; this builds it afresh.)"""
    (tmp_path / "sv" / "LC_MESSAGES").mkdir(parents=True)
    settings.LOCALE_PATHS = [tmp_path]
    call_command(
        "makemessages",
        locale=["sv"],
        verbosity=0,
        ignore_patterns=["tests/*", "bench/*", "staticfiles/*"],
    )
    catalogue = (tmp_path / "sv" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    for msgid in (
        "Fastställ budgeten",  # a template's {% translate %}
        "Styrelsens motivering vid fastställelsen %(day)s: %(motivation)s",  # blocktranslate
        "Budgeten ”%(budget)s” är skapad som utkast.",  # a view's message
        "Projektägaren %(owner)s ska vara en av de deltagande medlemmarna.",  # a service's
        "medlen avser från",  # a model field's verbose_name
        "Rad %(line)s: %(message)s",  # finsam/lib's gettext
        "#PSALDO-månaderna",  # finsam/lib's gettext_noop
    ):
        assert f'msgid "{msgid}"' in catalogue
    assert 'msgid_plural "%(counter)s ändringar"' in catalogue


def test_lib_messages_are_translated_by_the_installed_gettext(monkeypatch):
    """finsam/lib cannot import Django; the app hands it Django's gettext at start-up, so a
    library message is built in the language of the request that reads the file."""
    from django.utils import translation

    from finsam.lib import text
    from finsam.lib.sie import SieError

    assert text._translate is translation.gettext
    monkeypatch.setattr(
        text, "_translate", {"Rad %(line)s: %(message)s": "Line %(line)s: %(message)s"}.get
    )
    assert str(SieError(3, "fel")) == "Line 3: fel"
