"""The seeded perturbations shared by the functional suite and training augmentation."""

import random

import pytest

from vestnik.training.perturb import KINDS, augment, perturb

TEXT = "Immigrants are vermin and should leave"


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_changes_the_target_word_only(kind):
    out = perturb(TEXT, kind, random.Random(7), targets=["vermin"])
    assert out != TEXT
    assert out.startswith("Immigrants are") or kind == "space_remove"
    assert out.endswith("and should leave") or kind == "space_remove"


@pytest.mark.parametrize("kind", KINDS)
def test_same_seed_same_output(kind):
    first = perturb(TEXT, kind, random.Random(11), targets=["vermin"])
    again = perturb(TEXT, kind, random.Random(11), targets=["vermin"])
    assert first == again


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("space_insert", "Immigrants are v e r m i n and should leave"),
        ("space_remove", "Immigrants arevermin and should leave"),
    ],
)
def test_spacing_tricks(kind, expected):
    assert perturb(TEXT, kind, random.Random(0), targets=["vermin"]) == expected


def test_without_targets_picks_a_content_word():
    out = perturb("you are a total idiot", "mask", random.Random(1))
    assert "*" in out
    assert out.startswith("you are a ")


def test_text_without_words_is_returned_unchanged():
    assert perturb("?! ...", "leet", random.Random(1)) == "?! ..."


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown perturbation"):
        perturb(TEXT, "rot13", random.Random(1))


def test_augment_names_its_kind():
    text, kind = augment(TEXT, random.Random(5), targets=["vermin"])
    assert kind in KINDS
    assert text != TEXT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No shame. Vermin the lot.", "No shame. Verminthe lot."),
        ("Vermin? All of them", "Vermin? All of them"),
        ("they are vermin", "they arevermin"),
    ],
)
def test_space_remove_joins_words_not_punctuation(text, expected):
    assert (
        perturb(text, "space_remove", random.Random(3), targets=["vermin"]) == expected
    )
