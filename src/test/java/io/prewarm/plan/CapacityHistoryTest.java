package io.prewarm.plan;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class CapacityHistoryTest {
    @Test
    void neitherTheCallersArraysNorTheAccessorsResultsChangeWhatIsLearned() {
        double[] demand = new double[40];
        double[] instances = new double[40];
        double[] latency = new double[40];
        Arrays.fill(demand, 100);
        Arrays.fill(instances, 2);
        Arrays.fill(latency, 0.1);
        CapacityHistory h = new CapacityHistory(demand, instances, latency, 0.25);
        Arrays.fill(demand, 1000);
        h.demand()[0] = 1000;
        h.instances()[0] = 1;
        h.latencyP95()[0] = 9;
        assertThat(h.learn().perInstance()).isEqualTo(50);
        assertThat(h.learn().healthySamples()).isEqualTo(40);
        assertThat(h.demand()).containsOnly(100);
        assertThat(h.length()).isEqualTo(40);
        assertThat(h).isEqualTo(new CapacityHistory(h.demand(), h.instances(), h.latencyP95(), 0.25));
    }
}
