"""Near-duplicate signatures: syndicated copies meet, different stories do not."""

from __future__ import annotations

from stationwatch.evidence import similar
from tests.conftest import DEV_DOCS

DOCS = DEV_DOCS


def story(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_a_syndicated_copy_with_other_furniture_is_the_same_story():
    text = story("d000.txt")
    copy = f"From our partners. Subscribe now!\n{text}\nRelated: weather, sport, markets."
    a, b = similar.signature(text), similar.signature(copy)
    assert a and b and similarity_ok(a, b)
    assert set(similar.band_keys(a)) & set(similar.band_keys(b))


def similarity_ok(a: bytes, b: bytes) -> bool:
    return similar.similarity(a, b) >= similar.SAME_STORY


def test_case_accents_and_spacing_do_not_separate_copies():
    text = story("d002.txt")
    copy = " ".join(text.upper().split())
    assert similarity_ok(similar.signature(text), similar.signature(copy))


def test_different_stories_on_the_same_topic_stay_apart():
    sigs = [similar.signature(story(f"d{n:03d}.txt")) for n in (0, 2, 4, 6, 8)]
    for i, a in enumerate(sigs):
        for b in sigs[i + 1:]:
            assert similar.similarity(a, b) < 0.2


def test_chinese_copies_meet_without_spaces_to_split_on():
    text = ("据报道，福州市公安局在海外设立了所谓的海外警务服务站，荷兰政府已要求关闭这些机构。"
            "调查人员表示，这些站点协助劝返在海外的中国公民。") * 3
    copy = "转载自某报：" + text + "（完）"
    assert similarity_ok(similar.signature(text), similar.signature(copy))


def test_short_texts_have_no_signature():
    assert similar.signature("Too short to judge.") is None
    assert similar.signature("") is None
