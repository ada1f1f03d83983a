package io.prewarm.pipeline;

import io.prewarm.common.ServiceKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardTest {
    static final List<ServiceKey> FLEET = new ArrayList<>();

    static {
        for (String env : List.of("prod", "staging", "eu-prod")) {
            for (int i = 0; i < 2000; i++) {
                FLEET.add(ServiceKey.of(env, "svc-" + i));
            }
        }
    }

    @Test
    void shardsAreDisjointAndTogetherCoverTheFleet() {
        for (int n : List.of(1, 2, 3, 8, 17, 64)) {
            Set<ServiceKey> seen = new HashSet<>();
            int largest = 0;
            int smallest = Integer.MAX_VALUE;
            for (int i = 1; i <= n; i++) {
                Shard shard = new Shard(i, n);
                List<ServiceKey> mine = FLEET.stream().filter(shard::contains).toList();
                for (ServiceKey k : mine) {
                    assertThat(seen.add(k)).as("%s is in two shards of %d", k, n).isTrue();
                }
                largest = Math.max(largest, mine.size());
                smallest = Math.min(smallest, mine.size());
            }
            assertThat(seen).as("every service in some shard of %d", n).hasSize(FLEET.size());
            double mean = FLEET.size() / (double) n;
            assertThat(largest).as("balance for n=%d", n).isLessThan((int) (mean * 1.35) + 5);
            assertThat(smallest).as("balance for n=%d", n).isGreaterThan((int) (mean * 0.65) - 5);
        }
    }

    @Test
    void aServiceStaysInItsShardWhenOthersComeAndGo() {
        Shard s = new Shard(3, 8);
        ServiceKey key = ServiceKey.of("prod", "checkout");
        boolean before = s.contains(key);
        // membership depends on the key alone: the same answer in any fleet, on any machine
        assertThat(new Shard(3, 8).contains(key)).isEqualTo(before);
        long owners = java.util.stream.IntStream.rangeClosed(1, 8).filter(i -> new Shard(i, 8).contains(key)).count();
        assertThat(owners).isEqualTo(1);
    }

    @Test
    void parsesIOfNAndNamesTheBranch() {
        assertThat(Shard.parse("2/8")).isEqualTo(new Shard(2, 8));
        assertThat(Shard.parse("2/8").branchSuffix()).isEqualTo("-shard-2-of-8");
        assertThat(Shard.ALL.branchSuffix()).isEmpty();
        assertThatThrownBy(() -> Shard.parse("0/8")).hasMessageContaining("1 <= i <= n");
        assertThatThrownBy(() -> Shard.parse("9/8")).hasMessageContaining("1 <= i <= n");
        assertThatThrownBy(() -> Shard.parse("half")).hasMessageContaining("is not i/n");
    }
}
