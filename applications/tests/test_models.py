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


@pytest.mark.parametrize(
    ("current", "target"),
    [
        ("applied", "screening"),
        ("screening", "interview"),
        ("interview", "offer"),
        ("offer", "hired"),
    ],
)
def test_employer_moves_along_the_pipeline__POL_AP_003(current, target):
    application = make(current)
    assert application.move_to(target, EMPLOYER) == current
    assert application.stage == target


@pytest.mark.parametrize("current", ["applied", "screening", "interview", "offer"])
def test_employer_rejects_from_any_non_final_stage__POL_AP_003(current):
    application = make(current)
    application.move_to(Stage.REJECTED, EMPLOYER)
    assert application.stage == Stage.REJECTED


@pytest.mark.parametrize("current", ["applied", "screening", "interview"])
def test_applicant_withdraws_before_offer__POL_AP_003(current):
    application = make(current)
    application.move_to(Stage.WITHDRAWN, APPLICANT)
    assert application.stage == Stage.WITHDRAWN


@pytest.mark.parametrize(
    ("current", "target", "actor"),
    [
        ("offer", "withdrawn", APPLICANT),  # not after an offer
        ("applied", "interview", EMPLOYER),  # no skipping
        ("screening", "applied", EMPLOYER),  # no going back
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
    assert allowed_targets("interview", EMPLOYER) == ["offer", "rejected"]
    assert allowed_targets("interview", APPLICANT) == ["withdrawn"]
    assert allowed_targets("offer", APPLICANT) == []
