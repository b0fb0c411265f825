"""Who covers which areas (bot.domain.cover): the admin's assignment wins, then whoever the
check-in settled on; a participant nobody covers gives nobody their areas."""

from __future__ import annotations

from bot.domain.checkin import CheckinState
from bot.domain.cover import Cover, covered_again, covers
from bot.domain.day import Participant
from bot.domain.people import Client

S = CheckinState
LOCAL, CITRIX = Client.LOCAL, Client.CITRIX


def participant(
    pid: int,
    email: str,
    areas: set[str],
    state: CheckinState,
    *,
    clients: frozenset[Client] = frozenset({LOCAL}),
    covered_by: tuple[str, str | None] | None = None,
) -> Participant:
    return Participant(
        id=pid,
        window_id=1,
        email=email,
        name=email.split("@")[0].title(),
        areas=frozenset(areas),
        clients=clients,
        substitute_name="Sub",
        substitute_email=f"sub-{email}",
        plan_answer=None,
        checkin_state=state,
        covered_by_email=covered_by[0] if covered_by else None,
        covered_by_name=covered_by[1] if covered_by else None,
    )


def test_whoever_the_checkin_settled_on_covers_the_areas() -> None:
    anna = participant(1, "anna@x.se", {"ifo", "kir"}, S.PRESENT, covered_by=("anna@x.se", "Anna"))
    bo = participant(2, "bo@x.se", {"voo-hsl"}, S.SUB_PRESENT, covered_by=("sub-bo@x.se", "Sub"))
    assert covers([anna, bo], {}) == [
        Cover("anna@x.se", "Anna", frozenset({"ifo", "kir"}), frozenset({LOCAL})),
        Cover("sub-bo@x.se", "Sub", frozenset({"voo-hsl"}), frozenset({LOCAL})),
    ]


def test_nobody_covers_the_areas_of_someone_not_settled_or_uncovered() -> None:
    asked = participant(1, "anna@x.se", {"ifo"}, S.ASKED)
    sub_asked = participant(2, "bo@x.se", {"kir"}, S.SUB_ASKED)
    uncovered = participant(3, "cia@x.se", {"voo-hsl"}, S.UNCOVERED)
    assert covers([asked, sub_asked, uncovered], {}) == []


def test_a_covered_state_without_a_name_covers_nothing_and_a_missing_name_is_the_email() -> None:
    no_one = participant(1, "anna@x.se", {"ifo"}, S.PRESENT)
    unnamed = participant(2, "bo@x.se", {"kir"}, S.PRESENT, covered_by=("bo@x.se", None))
    assert covers([no_one, unnamed], {}) == [
        Cover("bo@x.se", "bo@x.se", frozenset({"kir"}), frozenset({LOCAL}))
    ]


def test_the_admins_assignment_wins_area_by_area() -> None:
    anna = participant(1, "anna@x.se", {"ifo", "kir"}, S.PRESENT, covered_by=("anna@x.se", "Anna"))
    uncovered = participant(2, "bo@x.se", {"voo-hsl"}, S.UNCOVERED, clients=frozenset({CITRIX}))
    assigned = {"kir": ("eva@x.se", "Eva"), "voo-hsl": ("eva@x.se", "Eva")}
    # (A set: within a participant, areas come in no particular order.)
    assert set(covers([anna, uncovered], assigned)) == {
        Cover("anna@x.se", "Anna", frozenset({"ifo"}), frozenset({LOCAL})),
        Cover("eva@x.se", "Eva", frozenset({"kir", "voo-hsl"}), frozenset({LOCAL, CITRIX})),
    }


def test_one_cover_for_several_participants_tests_through_all_their_clients() -> None:
    a = participant(1, "a@x.se", {"ifo"}, S.SUB_PRESENT, covered_by=("per@x.se", "Per"))
    b = participant(
        2, "b@x.se", {"kir"}, S.SUB_PRESENT, clients=frozenset({CITRIX}), covered_by=("per@x.se", "Per")
    )
    [per] = covers([a, b], {})
    assert per.areas == {"ifo", "kir"}
    assert per.clients == {LOCAL, CITRIX}


def test_an_uncovered_participant_is_covered_again_once_every_area_has_someone() -> None:
    two_areas = participant(1, "anna@x.se", {"ifo", "kir"}, S.UNCOVERED)
    one_area = participant(2, "bo@x.se", {"kir"}, S.UNCOVERED)
    present = participant(3, "cia@x.se", {"kir"}, S.PRESENT, covered_by=("cia@x.se", "Cia"))
    people = [two_areas, one_area, present]
    assert covered_again(people, {"kir": ("eva@x.se", "Eva")}) == [one_area]
    both = {"kir": ("eva@x.se", "Eva"), "ifo": ("eva@x.se", "Eva")}
    assert covered_again(people, both) == [two_areas, one_area]
