package dev.regent.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.Description;
import org.junit.jupiter.api.Test;

/** Issue 17, finding 3: bidi controls and a bare CR were accepted where people read text, and printed raw. */
class ReadableTextTest {

    @Test
    void deceptiveCharactersAreRefusedWhereAPersonReadsTheText() {
        assertThatThrownBy(() -> Description.of("safe\u202Etxt.exe")).isInstanceOf(RegentException.class)
                .hasMessageContaining("U+202E RIGHT-TO-LEFT OVERRIDE").hasMessageContaining("position 4");
        assertThatThrownBy(() -> Description.of("line1\rOVERWRITE")).isInstanceOf(RegentException.class)
                .hasMessageContaining("U+000D");
        assertThatThrownBy(() -> Reason.of("ok \u2066isolate\u2069")).isInstanceOf(RegentException.class)
                .hasMessageContaining("reason contains U+2066");
        assertThatThrownBy(() -> Reason.of("x\u200Fy")).isInstanceOf(RegentException.class);
        // a Windows line end is a line end; text in any script stays as written
        assertThat(Description.of("line1\r\nline2").text()).isEqualTo("line1\nline2");
        assertThat(Description.of("שלום עולם — مرحبا\tmodel").text()).isEqualTo("שלום עולם — مرحبا\tmodel");
    }

    @Test
    void everyDeceptiveCharacterIsEscapedOnOutputAndNothingElse() {
        assertThat(ReadableText.escape("safe\u202Etxt.exe")).isEqualTo("safe\\u202etxt.exe");
        assertThat(ReadableText.escape("a\rb\u0007c\u2068d")).isEqualTo("a\\rb\\u0007c\\u2068d");
        assertThat(ReadableText.escape("plain\ttext\nnext 😀 é")).isEqualTo("plain\ttext\nnext 😀 é");
        // echoed inside a one-line message, line feeds and tabs are escaped too
        assertThat(ReadableText.escapeInline("a\nb\tc\u202Ed")).isEqualTo("a\\u000ab\\u0009c\\u202ed");
        for (int cp : new int[] {0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}) {
            assertThat(ReadableText.isBidiControl(cp)).as(Integer.toHexString(cp)).isTrue();
            assertThat(ReadableText.escape(new String(Character.toChars(cp)))).startsWith("\\u");
        }
    }
}
