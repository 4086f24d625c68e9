"""bench.cache_ceiling counts a hit only for an answer asked before within the same life
(ADR 0099): the ceiling that decided the search target rests on the uncached path."""

from bench.cache_ceiling import hit_share


class EverySecond:
    """Arrivals one second apart, in place of the Poisson gaps."""

    def expovariate(self, rate):
        return 1.0


def test_an_answer_counts_as_a_hit_only_within_the_life_it_was_asked_in():
    # arrivals at 1, 2, 3, 4, 5 s; lives of 2.5 s end at 2.5 and 5 s
    assert hit_share(["a"] * 5, 1.0, 2.5, EverySecond()) == 2 / 5
    assert hit_share(["a", "b", "a", "a", "c"], 1.0, None, EverySecond()) == 2 / 5
    assert hit_share(["a", "b", "a", "a", "c"], 1.0, 0.5, EverySecond()) == 0
