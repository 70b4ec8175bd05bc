package io.sluice.outputs.elasticsearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micrometer.core.instrument.Counter;
import io.sluice.api.plugin.SendResult;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a bulk response, filtered to {@code errors} and each item's status and error
 * ({@link #FILTER_PATH}), into per-event outcomes, streaming and without a tree.
 * <ul>
 * <li>2xx, and 409 on {@code create} (the document is already there: an earlier attempt got it
 *     in): delivered.</li>
 * <li>429 (a full write queue) and 5xx: to retry, alone.</li>
 * <li>any other 4xx (mapping and parsing errors above all): refused, with Elasticsearch's error
 *     type and reason for the dead-letter path; retrying could never succeed.</li>
 * </ul>
 */
final class BulkResponseReader {
    static final String FILTER_PATH = "errors,items.*.status,items.*.error.type,items.*.error.reason,"
            + "items.*.error.caused_by.type,items.*.error.caused_by.reason";

    private static final JsonFactory JSON = new JsonFactory();

    private BulkResponseReader() {}

    /**
     * @param duplicates counts documents that were already there (409 on create): replays and
     *                   retries after a lost response, worth watching but not errors
     */
    static SendResult read(InputStream body, int batchSize, Counter duplicates) throws IOException {
        try (JsonParser p = JSON.createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            SendResult result = null;
            int items = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("errors")) {
                    // Elasticsearch writes "errors" before "items": no error means nothing to read
                    if (value == JsonToken.VALUE_FALSE) return SendResult.delivered();
                } else if (field.equals("items")) {
                    expect(value, JsonToken.START_ARRAY);
                    result = SendResult.builder();
                    items = readItems(p, result, duplicates);
                } else {
                    p.skipChildren();
                }
            }
            if (result == null) throw new IOException("bulk response without items");
            if (items != batchSize) {
                throw new IOException("bulk response has " + items + " items for " + batchSize + " documents");
            }
            return result;
        }
    }

    private static int readItems(JsonParser p, SendResult result, Counter duplicates) throws IOException {
        int index = 0;
        while (p.nextToken() == JsonToken.START_OBJECT) {
            expect(p.nextToken(), JsonToken.FIELD_NAME);    // the operation: "create"
            expect(p.nextToken(), JsonToken.START_OBJECT);
            Item item = readItem(p);
            expect(p.nextToken(), JsonToken.END_OBJECT);
            if (item.status == 409) duplicates.increment();
            classify(index++, item, result);
        }
        return index;
    }

    private record Item(int status, String type, String reason) {}

    private static Item readItem(JsonParser p) throws IOException {
        int status = 0;
        String type = null;
        String reason = null;
        String causeType = null;
        String causeReason = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("status")) {
                status = p.getIntValue();
            } else if (field.equals("error") && value == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    JsonToken v = p.nextToken();
                    if (f.equals("type")) type = p.getText();
                    else if (f.equals("reason")) reason = p.getText();
                    else if (f.equals("caused_by") && v == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String cf = p.currentName();
                            p.nextToken();
                            if (cf.equals("type")) causeType = p.getText();
                            else if (cf.equals("reason")) causeReason = p.getText();
                            else p.skipChildren();
                        }
                    } else p.skipChildren();
                }
            } else {
                p.skipChildren();
            }
        }
        StringBuilder why = new StringBuilder(reason == null ? "status " + status : reason);
        if (causeReason != null) why.append(" (caused by ").append(causeType).append(": ").append(causeReason).append(')');
        return new Item(status, type == null ? "http_" + status : type, why.toString());
    }

    private static void classify(int index, Item item, SendResult result) {
        int s = item.status;
        if ((s >= 200 && s < 300) || s == 409) return;
        if (s == 429 || s >= 500) {
            result.retry(index);
        } else {
            result.refuse(index, item.type, item.reason);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) throw new IOException("unexpected bulk response: " + actual + " where " + expected + " belongs");
    }
}
