package io.prewarm.gitops;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeSetTest {

    @Test
    void aPathChangedTwiceIsRefusedWithBothKindsNamed() {
        ChangeSet.Builder b = ChangeSet.builder().write("generated/prod/web/main.tf", "# web\n");
        assertThatThrownBy(() -> b.delete("generated/prod/web/main.tf"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("building a change set: generated/prod/web/main.tf is changed twice (write and delete)");
        assertThatThrownBy(() -> ChangeSet.builder().addAll(ChangeSet.writing(Map.of("a.tf", "1")))
                .addAll(ChangeSet.writing(Map.of("a.tf", "1"))))
                .hasMessageStartingWith("building a change set: a.tf is changed twice");
    }

    @Test
    void entriesAndPathsAreSortedByPathWhateverTheOrderTheyWereGiven() {
        ChangeSet set = ChangeSet.builder().write("overrides/prod/web.json", "{}\n").delete("generated/prod/web/old.tf")
                .write("generated/prod/api/main.tf", "# api\n").build();
        assertThat(set.paths()).containsExactly("generated/prod/api/main.tf", "generated/prod/web/old.tf",
                "overrides/prod/web.json");
        assertThat(set.entries()).extracting(ChangeSet.Change::path).isEqualTo(set.paths());
        assertThat(set.size()).isEqualTo(3);
        assertThat(set.isEmpty()).isFalse();
        assertThat(ChangeSet.builder().build().isEmpty()).isTrue();
    }

    @Test
    void aWriteCarriesItsContentAndADeleteNone() {
        ChangeSet set = ChangeSet.builder().write("a/main.tf", "# a\n").delete("b/main.tf")
                .put("c/main.tf", Optional.empty()).put("d/main.tf", Optional.of("# d\n")).build();
        assertThat(set.get("a/main.tf")).contains(new ChangeSet.Write("a/main.tf", "# a\n"));
        assertThat(set.get("a/main.tf").flatMap(ChangeSet.Change::newContent)).contains("# a\n");
        assertThat(set.get("b/main.tf")).contains(new ChangeSet.Delete("b/main.tf"));
        assertThat(set.get("b/main.tf").orElseThrow().newContent()).isEmpty();
        assertThat(set.get("c/main.tf")).contains(new ChangeSet.Delete("c/main.tf"));
        assertThat(set.get("d/main.tf")).contains(new ChangeSet.Write("d/main.tf", "# d\n"));
        assertThat(set.get("e/main.tf")).isEmpty();
        assertThat(set.contains("b/main.tf")).isTrue();
        assertThatThrownBy(() -> new ChangeSet.Write("a/main.tf", null))
                .hasMessage("writing a/main.tf: content is null; a Delete removes a file");
    }

    @Test
    void plusLaysTheLaterSetOverAndWithoutDropsMatchingPaths() {
        ChangeSet stale = ChangeSet.builder().delete("generated/prod/web/main.tf").delete("generated/prod/web/old.tf")
                .build();
        ChangeSet laid = stale.plus(ChangeSet.writing(Map.of("generated/prod/web/main.tf", "# new\n")));
        assertThat(laid.entries()).containsExactly(new ChangeSet.Write("generated/prod/web/main.tf", "# new\n"),
                new ChangeSet.Delete("generated/prod/web/old.tf"));
        assertThat(stale.size()).isEqualTo(2); // immutable: the set laid over is unchanged
        assertThat(laid.without(p -> p.endsWith("old.tf")).paths()).containsExactly("generated/prod/web/main.tf");
        assertThat(laid.without(p -> false)).isSameAs(laid);
    }

    @Test
    void pathsOutsideTheRepositoryOrNotPlainAreRefusedWithTheGerundAndTheCause() {
        assertThatThrownBy(() -> new ChangeSet.Write("../escape.tf", "x")).isInstanceOf(UnsafePathException.class)
                .hasMessage("writing ../escape.tf: path is outside the repository or not plain (an empty, '.' or "
                        + "'..' part)");
        assertThatThrownBy(() -> new ChangeSet.Delete("generated/../../etc/passwd"))
                .isInstanceOf(UnsafePathException.class).hasMessageStartingWith("deleting generated/../../etc/passwd: ");
        assertThatThrownBy(() -> new ChangeSet.Write("/etc/passwd", "x")).isInstanceOf(UnsafePathException.class)
                .hasMessage("writing /etc/passwd: path is outside the repository (not a relative path with '/' "
                        + "separators)");
        assertThatThrownBy(() -> new ChangeSet.Write("a\\b.tf", "x")).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> new ChangeSet.Write("a//b.tf", "x")).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> new ChangeSet.Write("./b.tf", "x")).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> new ChangeSet.Write("a/", "x")).isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> new ChangeSet.Delete(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deleting a file: the path is missing");
        assertThatThrownBy(() -> ChangeSet.builder().write("", "x")).hasMessage("writing a file: the path is missing");
        assertThat(new ChangeSet.Write("generated/prod/web/..main.tf", "x").path())
                .isEqualTo("generated/prod/web/..main.tf");
    }
}
