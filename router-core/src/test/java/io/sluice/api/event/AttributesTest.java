package io.sluice.api.event;

import io.sluice.api.json.JsonBytes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Attributes kept as a slice of a record read like copied ones, and a change never writes to the record. */
class AttributesTest {
    private static final String RECORD = "{\"msg\":\"m\",\"user_id\":7,\"region\":\"eu-west-1\"}";

    private static Attributes slice(byte[] record) {
        int from = RECORD.indexOf("\"user_id\"");
        int to = RECORD.length() - 1;
        return Attributes.ofRecord(record, from, to - from,
                keyBit("user_id") | keyBit("region"));
    }

    private static long keyBit(String key) {
        byte[] k = key.getBytes(StandardCharsets.US_ASCII);
        return Attributes.keyBit(k, 0, k.length);
    }

    @Test
    void aSliceReadsAsItsEntries() {
        Attributes a = slice(RECORD.getBytes(StandardCharsets.UTF_8));
        assertThat(a.isEmpty()).isFalse();
        assertThat(a.toJson()).isEqualTo("{\"user_id\":7,\"region\":\"eu-west-1\"}");
        assertThat(a.keys()).containsExactly("user_id", "region");
        JsonBytes out = new JsonBytes(64);
        a.writeObject(out);
        assertThat(new String(out.array(), 0, out.length(), StandardCharsets.UTF_8)).isEqualTo(a.toJson());
        Attributes copy = new Attributes();
        copy.putAll(a);
        assertThat(copy.toJson()).isEqualTo(a.toJson());
    }

    @Test
    void changesAreMadeOnACopyAndLeaveTheRecordAsItWas() {
        byte[] record = RECORD.getBytes(StandardCharsets.UTF_8);
        Attributes a = slice(record);
        a.putString("region", "us-east-1"); // a key of the slice: the last one wins
        a.putLong("retries", 2);
        assertThat(a.toJson()).isEqualTo("{\"user_id\":7,\"region\":\"us-east-1\",\"retries\":2}");
        assertThat(new String(record, StandardCharsets.UTF_8)).isEqualTo(RECORD);
        assertThat(a.remove("user_id")).isEqualTo("7");
        assertThat(a.toJson()).isEqualTo("{\"region\":\"us-east-1\",\"retries\":2}");
        assertThat(new String(record, StandardCharsets.UTF_8)).isEqualTo(RECORD);
    }

    @Test
    void aCopiedRecordDoesNotChangeWithItsArray() {
        byte[] record = RECORD.getBytes(StandardCharsets.UTF_8);
        int from = RECORD.indexOf("\"user_id\"");
        Attributes a = Attributes.copyOfRecord(record, from, RECORD.length() - 1 - from, keyBit("user_id") | keyBit("region"));
        java.util.Arrays.fill(record, (byte) ' ');
        assertThat(a.toJson()).isEqualTo("{\"user_id\":7,\"region\":\"eu-west-1\"}");
        a.putString("user_id", "eight");
        assertThat(a.toJson()).isEqualTo("{\"region\":\"eu-west-1\",\"user_id\":\"eight\"}");
    }

    @Test
    void removeTakesEveryEntryOfTheKeyAndLeavesTheOthersAsWritten() {
        Attributes a = new Attributes();
        byte[] v = "{\"x\":1, \"x\":2}".getBytes(StandardCharsets.UTF_8);
        a.putRawJson("o", v, 0, v.length);
        a.putLong("k", 1);
        a.putString("s", "t");
        Attributes more = new Attributes();
        more.putLong("k", 2); // putAll does not check keys: k twice
        a.putAll(more);
        assertThat(a.toJson()).isEqualTo("{\"o\":{\"x\":1, \"x\":2},\"k\":1,\"s\":\"t\",\"k\":2}");
        assertThat(a.remove("k")).isEqualTo("2");
        assertThat(a.toJson()).isEqualTo("{\"o\":{\"x\":1, \"x\":2},\"s\":\"t\"}");
        assertThat(a.remove("absent")).isNull();
        assertThat(a.remove("o")).isEqualTo("{\"x\":1, \"x\":2}");
        assertThat(a.remove("s")).isEqualTo("\"t\"");
        assertThat(a.isEmpty()).isTrue();
    }

    @Test
    void aKeyPutAgainAfterManyOthersReplacesItsEntryWhenTheyAreRead() {
        Attributes a = new Attributes();
        for (int i = 0; i < 200_000; i++) a.putLong("k" + i, i);
        a.putString("k0", "again");
        a.putLong("k7", -7);
        List<String> keys = a.keys();
        assertThat(keys).hasSize(200_000);
        assertThat(keys.subList(199_998, 200_000)).containsExactly("k0", "k7");
        assertThat(a.toJson()).startsWith("{\"k1\":1,\"k2\":2,").endsWith(",\"k199999\":199999,\"k0\":\"again\",\"k7\":-7}");
    }

    @Test
    void bytesThatAreNotJsonAreLeftAsTheyAreRatherThanReadPastTheirEnd() {
        Attributes a = new Attributes();
        byte[] broken = "{\"open".getBytes(StandardCharsets.UTF_8); // a value an input only scanned
        a.putRawJson("x", broken, 0, broken.length);
        a.putLong("k", 1);
        a.putLong("k", 2);
        assertThat(a.toJson()).isEqualTo("{\"x\":{\"open,\"k\":1,\"k\":2}");
        assertThat(a.remove("k")).isNull();
    }
}
