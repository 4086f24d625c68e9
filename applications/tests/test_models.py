"""POL-AP-003 as a pure rule: the transition table, with no database."""

import pytest

from applications.models import (
    FINAL_STAGES,
    ActorRole,
    Application,
    Stage,
    TransitionNotAllowed,
    allowed_targets,
)

EMPLOYER, APPLICANT = ActorRole.EMPLOYER, ActorRole.APPLICANT


def make(stage):
    return Application(stage=stage)


# POL-AP-003 spelled out by hand, independently of the table in applications.models: every
# (from, to) pair the job's side may make, and the applicant's.
EMPLOYER_MOVES = {
    # forward, skipping allowed
    ("applied", "screening"),
    ("applied", "interview"),
    ("applied", "offer"),
    ("applied", "hired"),
    ("screening", "interview"),
    ("screening", "offer"),
    ("screening", "hired"),
    ("interview", "offer"),
    ("interview", "hired"),
    ("offer", "hired"),
    # one step back
    ("screening", "applied"),
    ("interview", "screening"),
    ("offer", "interview"),
    # rejection from any stage that is not final
    ("applied", "rejected"),
    ("screening", "rejected"),
    ("interview", "rejected"),
    ("offer", "rejected"),
}
APPLICANT_MOVES = {
    ("applied", "withdrawn"),
    ("screening", "withdrawn"),
    ("interview", "withdrawn"),
}
EVERY_PAIR = [(current, target) for current in Stage.values for target in Stage.values]


@pytest.mark.parametrize(("current", "target"), EVERY_PAIR)
@pytest.mark.parametrize("actor", [EMPLOYER, APPLICANT])
def test_every_pair_of_stages_for_each_side__POL_AP_003(current, target, actor):
    allowed = EMPLOYER_MOVES if actor == EMPLOYER else APPLICANT_MOVES
    application = make(current)
    if (current, target) in allowed:
        assert application.move_to(target, actor) == current
        assert application.stage == target
    else:
        with pytest.raises(TransitionNotAllowed):
            application.move_to(target, actor)
        assert application.stage == current


@pytest.mark.parametrize(
    ("current", "target", "actor"),
    [
        ("offer", "withdrawn", APPLICANT),  # not after an offer
        ("interview", "applied", EMPLOYER),  # back one stage only
        ("hired", "offer", EMPLOYER),  # hired is final: no step back from it
        ("applied", "screening", APPLICANT),  # the applicant does not move the pipeline
        ("applied", "withdrawn", EMPLOYER),  # only the applicant withdraws
        ("applied", "rejected", APPLICANT),  # only the employer rejects
        ("applied", "applied", EMPLOYER),
        ("applied", "nonsense", EMPLOYER),
    ],
)
def test_forbidden_moves_raise_and_change_nothing__POL_AP_003(current, target, actor):
    application = make(current)
    with pytest.raises(TransitionNotAllowed):
        application.move_to(target, actor)
    assert application.stage == current


@pytest.mark.parametrize("final", sorted(FINAL_STAGES))
def test_final_stages_have_no_way_out__POL_AP_003(final):
    assert allowed_targets(final, EMPLOYER) == []
    assert allowed_targets(final, APPLICANT) == []
    for target in Stage.values:
        for actor in (EMPLOYER, APPLICANT):
            with pytest.raises(TransitionNotAllowed):
                make(final).move_to(target, actor)


def test_allowed_targets_in_board_order__POL_AP_003():
    assert allowed_targets("interview", EMPLOYER) == ["screening", "offer", "hired", "rejected"]
    assert allowed_targets("applied", EMPLOYER) == [
        "screening",
        "interview",
        "offer",
        "hired",
        "rejected",
    ]
    assert allowed_targets("interview", APPLICANT) == ["withdrawn"]
    assert allowed_targets("offer", APPLICANT) == []
