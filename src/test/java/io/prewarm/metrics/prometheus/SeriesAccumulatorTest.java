package io.prewarm.metrics.prometheus;

import io.prewarm.policy.ServicePolicy.Aggregation;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeriesAccumulatorTest {
    final Grid grid = new Grid(1_000_000, 10_000, 4);

    @Test
    void samplesOffTheGridOrOutsideTheWindowAreCountedNotGuessed() {
        SeriesAccumulator acc = new SeriesAccumulator(grid);
        acc.add(Map.of(), new long[] {1_000_000, 1_005_000, 990_000, 1_040_000, 1_030_000}, new double[] {1, 2, 3, 4, 5}, 5);
        assertThat(acc.combine(Aggregation.NONE)).containsExactly(1, Double.NaN, Double.NaN, 5);
        assertThat(acc.offGrid()).isEqualTo(3);
    }

    @Test
    void aSampleDeliveredTwiceIsCountedAsADuplicate() {
        SeriesAccumulator acc = new SeriesAccumulator(grid);
        acc.add(Map.of(), new long[] {1_000_000, 1_010_000}, new double[] {1, 2}, 2);
        acc.add(Map.of(), new long[] {1_010_000, 1_020_000}, new double[] {2, 3}, 2);
        assertThat(acc.duplicates()).isEqualTo(1);
    }

    @Test
    void noneWithSeveralSeriesRefusesToGuess() {
        SeriesAccumulator acc = new SeriesAccumulator(grid);
        acc.add(Map.of("a", "1"), new long[] {1_000_000}, new double[] {1}, 1);
        acc.add(Map.of("a", "2"), new long[] {1_000_000}, new double[] {1}, 1);
        assertThatThrownBy(() -> acc.combine(Aggregation.NONE)).isInstanceOf(IllegalStateException.class);
        assertThat(acc.combine(Aggregation.SUM)).containsExactly(2, Double.NaN, Double.NaN, Double.NaN);
    }

    @Test
    void labelSetsAreEscapedLikePromql() {
        assertThat(SeriesAccumulator.promql(Map.of("b", "x\"y", "a", "c\\d"))).isEqualTo("{a=\"c\\\\d\", b=\"x\\\"y\"}");
    }
}
