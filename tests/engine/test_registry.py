"""The rulebook is the registry: every detector module is used by some rule,
and every one of the 20 rules has at least one detector."""

import importlib
import inspect
import pkgutil

import vestnik.engine.detectors as detectors_package
from vestnik.engine import default_rulebook


def _detector_classes() -> dict[str, type]:
    found = {}
    for info in pkgutil.iter_modules(detectors_package.__path__):
        module = importlib.import_module(f"{detectors_package.__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and hasattr(cls, "detect"):
                found[info.name] = cls
    return found


def test_every_detector_module_is_used_by_a_rule() -> None:
    used = {type(d) for rule in default_rulebook().rules for d in rule.detectors}
    unused = sorted(
        name for name, cls in _detector_classes().items() if cls not in used
    )
    assert unused == []


def test_every_rule_has_a_detector() -> None:
    assert [rule.id for rule in default_rulebook().rules if not rule.detectors] == []
