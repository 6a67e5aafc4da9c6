package bufspec.trace;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;

import java.io.InputStream;

/**
 * A JSON factory whose byte parsers always read UTF-8, as the trace format says. Jackson's own
 * guess the encoding from the first four bytes, so a line that begins like UTF-16 or UTF-32 (a
 * NUL byte among them, found by fuzzing) would be decoded as such and end in an I/O error instead
 * of a bad line; a byte order mark is not skipped either (it is a bad line).
 */
final class Utf8JsonFactory extends JsonFactory {
    private static final long serialVersionUID = 1L;

    Utf8JsonFactory() {
        configure(JsonParser.Feature.AUTO_CLOSE_SOURCE, false);
    }

    @Override
    protected JsonParser _createParser(InputStream in, IOContext ctxt) {
        ctxt.setEncoding(JsonEncoding.UTF8);
        return new UTF8StreamJsonParser(ctxt, _parserFeatures, in, _objectCodec,
                _byteSymbolCanonicalizer.makeChild(_factoryFeatures), ctxt.allocReadIOBuffer(), 0, 0, true);
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt) {
        ctxt.setEncoding(JsonEncoding.UTF8);
        return new UTF8StreamJsonParser(ctxt, _parserFeatures, null, _objectCodec,
                _byteSymbolCanonicalizer.makeChild(_factoryFeatures), data, offset, offset + len, false);
    }
}
