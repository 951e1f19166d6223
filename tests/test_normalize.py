"""Normalisation: fold (NFKC, case-fold, whitespace) and SQuAD token F1."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from benchmark.scoring.normalize import answer_tokens, fold, normalize_answer, token_f1


def test_fold_nfkc_casefold_whitespace():
    assert fold("  Vladimir\u00a0\n PUTIN ") == "vladimir putin"
    assert fold("ＮＡＴＯ") == "nato"  # full-width letters (NFKC)
    assert fold("Straße") == fold("STRASSE")  # case-fold, not lower()
    assert fold("ﬁnal") == "final"  # ligature


def test_squad_normalisation():
    # Rajpurkar et al. 2016: lower, drop punctuation and articles a/an/the, fix whitespace
    assert normalize_answer("The U.S. said: “NATO won’t expand”!") == "us said nato wont expand"
    assert answer_tokens("a an the") == ()


def test_token_f1_hand_worked():
    # gold tokens: talks with united states would begin on jan 10 in geneva (11; "the" dropped)
    # predicted:   talks would begin on jan 10 (6); common 6 -> F1 = 2·6/(11+6)
    gold = "talks with the United States would begin on Jan. 10 in Geneva"
    assert token_f1(gold, "talks would begin on Jan. 10") == 12 / 17
    # multiset overlap: gold "no no yes", predicted "no yes yes": common {no:1, yes:1} = 2 -> 2·2/6
    assert token_f1("no no yes", "no yes yes") == 4 / 6
    assert token_f1("the", "a") == 1.0  # both empty after normalisation
    assert token_f1("Geneva", "the") == 0.0


def test_the_scorer_uses_this_token_f1():
    """Claim content is prepared into ``TextValue``s whose ``f1`` is ``token_f1``'s:
    the lenient content rule and the claim key read the hand-worked numbers above."""
    from benchmark.scoring.field_rules import Context, Mode, Thresholds, content_match
    from benchmark.scoring.fields import prepare_claims
    from benchmark.model.records import Claim

    gold_text = "talks with the United States would begin on Jan. 10 in Geneva"
    values = prepare_claims([Claim("g", content=gold_text), Claim("p", content="talks would begin on Jan. 10")])
    gold, predicted = values.content
    assert gold.text.f1(predicted.text) == token_f1(gold_text, "talks would begin on Jan. 10") == 12 / 17

    def rule(mode, threshold):
        return content_match(gold, predicted, Context(Mode(mode), Thresholds(content_f1=threshold), {}))

    assert rule("lenient", 12 / 17) == 1
    assert rule("lenient", 12 / 17 + 1e-9) == 0
    assert rule("strict", 0.0) == 0


@given(st.text(alphabet=st.characters(codec=None), max_size=40))
def test_punctuation_removal_is_by_unicode_category(text):
    """The translate table removes exactly the characters of category P*, as a
    per-character test of ``unicodedata.category`` does (SQuAD's rule)."""
    import unicodedata

    from benchmark.scoring.normalize import _PUNCTUATION

    assert text.translate(_PUNCTUATION) == "".join(c for c in text if not unicodedata.category(c).startswith("P"))
