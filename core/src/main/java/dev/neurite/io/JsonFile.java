package dev.neurite.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading and writing the JSON files of a model directory (UTF-8, strict). */
final class JsonFile {

    private JsonFile() {
    }

    /** Parses {@code file}; errors name the file, the byte offset, line and column. */
    static JsonFields read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "no such file", e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(file, "not valid UTF-8 text", e);
        }
        try {
            return JsonFields.of(file, "", JsonParser.parse(text, true));
        } catch (JsonException e) {
            String before = text.substring(0, e.offset());
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int column = 1 + before.length() - (before.lastIndexOf('\n') + 1);
            throw new ModelFileException(file, "malformed JSON at byte " + before.getBytes(StandardCharsets.UTF_8).length
                    + " (line " + line + ", column " + column + "): " + e.getMessage(), e);
        }
    }

    /** The content that writes {@code value} as indented JSON. */
    static AtomicFiles.Content content(Object value) {
        byte[] bytes = Json.pretty(value).getBytes(StandardCharsets.UTF_8);
        return out -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        };
    }
}
