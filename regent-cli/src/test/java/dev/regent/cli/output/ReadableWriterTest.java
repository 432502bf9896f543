package dev.regent.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Issue 17, finding 3: the CLI printed stored text raw ("history" showed safe<U+202E>txt.exe reversed). */
class ReadableWriterTest {

    @Test
    void whateverACommandPrintsIsEscapedButLineEndsAreKept() {
        StringWriter sink = new StringWriter();
        PrintWriter out = ReadableWriter.wrap(new PrintWriter(sink), true);
        out.println("Description: line1\rOVERWRITE");
        out.print("safe\u202Etxt.exe\r\n");
        out.print("{\"reason\":\"x\u2066y\"}");
        out.print("trailing\r");
        out.flush();
        assertThat(sink.toString()).isEqualTo("Description: line1\\rOVERWRITE" + System.lineSeparator()
                + "safe\\u202etxt.exe\r\n{\"reason\":\"x\\u2066y\"}trailing\\r");
    }
}
