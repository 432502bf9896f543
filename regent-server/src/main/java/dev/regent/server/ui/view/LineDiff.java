package dev.regent.server.ui.view;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts (two card revisions, two versions' cards): lines kept, removed and added, in order. The
 * common prefix and suffix are kept as they are; the middle is aligned by a longest common subsequence when it is
 * small enough ({@value #MAX_CELLS} cells), else shown as all of the old lines removed and all of the new added —
 * correct, just less precise — so a pair of large cards cannot make a page hold memory it should not.
 */
public final class LineDiff {
    static final long MAX_CELLS = 4_000_000;

    /** One line of the diff: ' ' kept, '-' only in the old text, '+' only in the new, '…' unchanged lines folded. */
    public record Line(char op, String text) {
        public String css() {
            return op == '+' ? "added" : op == '-' ? "removed" : op == '…' ? "fold" : "kept";
        }
    }

    /**
     * The diff as a reader wants it: each change with {@code context} unchanged lines around it, and every longer run
     * of unchanged lines folded into one line that says how many it stands for.
     */
    public static List<Line> folded(List<Line> diff, int context) {
        List<Line> out = new ArrayList<>();
        int i = 0;
        while (i < diff.size()) {
            if (diff.get(i).op() != ' ') {
                out.add(diff.get(i++));
                continue;
            }
            int end = i;
            while (end < diff.size() && diff.get(end).op() == ' ') {
                end++;
            }
            int keepHead = i == 0 ? 0 : context;
            int keepTail = end == diff.size() ? 0 : context;
            if (end - i <= keepHead + keepTail + 1) {
                out.addAll(diff.subList(i, end));
            } else {
                out.addAll(diff.subList(i, i + keepHead));
                int hidden = end - i - keepHead - keepTail;
                out.add(new Line('…', hidden + " unchanged line" + (hidden == 1 ? "" : "s")));
                out.addAll(diff.subList(end - keepTail, end));
            }
            i = end;
        }
        return out;
    }

    private LineDiff() {
    }

    public static List<Line> between(String before, String after) {
        // trailing line breaks are not lines of their own
        List<String> a = before == null || before.isEmpty() ? List.of() : List.of(before.split("\\R"));
        List<String> b = after == null || after.isEmpty() ? List.of() : List.of(after.split("\\R"));
        int start = 0;
        while (start < a.size() && start < b.size() && a.get(start).equals(b.get(start))) {
            start++;
        }
        int endA = a.size();
        int endB = b.size();
        while (endA > start && endB > start && a.get(endA - 1).equals(b.get(endB - 1))) {
            endA--;
            endB--;
        }
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < start; i++) {
            out.add(new Line(' ', a.get(i)));
        }
        middle(a.subList(start, endA), b.subList(start, endB), out);
        for (int i = endA; i < a.size(); i++) {
            out.add(new Line(' ', a.get(i)));
        }
        return out;
    }

    /** Whether the diff has any change. */
    public static boolean changed(List<Line> diff) {
        return diff.stream().anyMatch(l -> l.op() != ' ');
    }

    private static void middle(List<String> a, List<String> b, List<Line> out) {
        int n = a.size();
        int m = b.size();
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            a.forEach(l -> out.add(new Line('-', l)));
            b.forEach(l -> out.add(new Line('+', l)));
            return;
        }
        // lcs[i][j]: the longest common subsequence of a[i..] and b[j..]
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j))) {
                out.add(new Line(' ', a.get(i)));
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new Line('-', a.get(i++)));
            } else {
                out.add(new Line('+', b.get(j++)));
            }
        }
        while (i < n) {
            out.add(new Line('-', a.get(i++)));
        }
        while (j < m) {
            out.add(new Line('+', b.get(j++)));
        }
    }
}
