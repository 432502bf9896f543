package dev.regent.server.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The card diff: lines kept, removed and added in order; long unchanged runs folded; huge inputs stay bounded. */
class LineDiffTest {
    private static String render(List<LineDiff.Line> lines) {
        return lines.stream().map(l -> l.op() + l.text()).collect(Collectors.joining("|"));
    }

    @Test
    void aChangedLineIsRemovedThenAddedBetweenWhatStays() {
        assertThat(render(LineDiff.between("a\nb\nc\n", "a\nB\nc\nd\n"))).isEqualTo(" a|-b|+B| c|+d");
        assertThat(LineDiff.changed(LineDiff.between("same\n", "same"))).isFalse();
        assertThat(render(LineDiff.between("", "x"))).isEqualTo("+x");
        assertThat(render(LineDiff.between("x\ny", ""))).isEqualTo("-x|-y");
    }

    @Test
    void longUnchangedRunsFoldAroundTheChanges() {
        String before = IntStream.rangeClosed(1, 20).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        String after = before.replace("line 10", "line ten");
        String folded = render(LineDiff.folded(LineDiff.between(before, after), 2));
        assertThat(folded).isEqualTo("…7 unchanged lines| line 8| line 9|-line 10|+line ten| line 11| line 12|…8 unchanged lines");
    }

    @Test
    void inputsTooLargeToAlignAreShownAsReplacedNotAlignedAtAnyCost() {
        String before = IntStream.range(0, 3000).mapToObj(i -> "a" + i).collect(Collectors.joining("\n"));
        String after = IntStream.range(0, 3000).mapToObj(i -> "b" + i).collect(Collectors.joining("\n"));
        List<LineDiff.Line> diff = LineDiff.between(before, after);
        assertThat(diff).hasSize(6000);
        assertThat(diff.get(0).op()).isEqualTo('-');
        assertThat(diff.get(5999).op()).isEqualTo('+');
    }
}
