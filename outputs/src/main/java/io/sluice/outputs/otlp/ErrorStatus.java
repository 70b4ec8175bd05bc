package io.sluice.outputs.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.sluice.outputs.http.Bodies;
import io.sluice.outputs.http.HttpSender;

import java.util.List;

/**
 * The backend's words in a refusal. OTLP/HTTP answers errors with a {@code google.rpc.Status} in the
 * request's encoding; its {@code message} is field 2. Read with protobuf's unknown-field parser (no
 * extra dependency for one string); anything else (a proxy's page) is shown as text.
 */
final class ErrorStatus {
    private static final int MESSAGE_FIELD = 2;

    private ErrorStatus() {}

    static String message(HttpSender.Exchange answer, boolean json) {
        boolean protobuf = !json && answer.headers().firstValue("Content-Type").orElse("").startsWith("application/x-protobuf");
        if (protobuf) {
            try {
                List<ByteString> message = UnknownFieldSet.parseFrom(answer.bytes()).getField(MESSAGE_FIELD).getLengthDelimitedList();
                if (message.size() == 1 && message.get(0).isValidUtf8()) return message.get(0).toStringUtf8();
            } catch (InvalidProtocolBufferException notAStatus) {
                // fall through to the text
            }
        }
        return Bodies.excerpt(answer.body());
    }
}
