package dev.regent.cli.input;

import dev.regent.core.error.RegentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Reads a file a person named, with a size limit checked before reading, and clear errors. */
public final class FileInput {
    private FileInput() {
    }

    public static byte[] bytes(Path file, long maxBytes) {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
                throw RegentException.invalid(file + " does not exist or is not a regular file");
            }
            long size = Files.size(file);
            if (size > maxBytes) {
                throw RegentException.invalid(file + " is " + size + " bytes; the limit is " + maxBytes + " bytes");
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] content = in.readNBytes((int) maxBytes + 1);
                if (content.length > maxBytes) {
                    throw RegentException.invalid(file + " grew beyond the limit of " + maxBytes + " bytes while reading");
                }
                return content;
            }
        } catch (IOException e) {
            throw RegentException.invalid("cannot read " + file + ": " + e.getMessage());
        }
    }

    public static String utf8(Path file, long maxBytes) {
        byte[] content = bytes(file, maxBytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw RegentException.invalid(file + " is not UTF-8 text");
        }
    }
}
