package io.sluice.core.buffer;

import java.util.List;

/**
 * The events appended as one record by {@link DiskBuffer#appendEvents}: event i is
 * {@code array(i)[offset(i) .. offset(i) + length(i))}. An interface so that the pipeline can hand a view of
 * its batch (one JSON array and its index) without copying or allocating per event.
 */
public interface EventSlices {
    int count();

    byte[] array(int i);

    int offset(int i);

    int length(int i);

    /** Whole arrays as events (tests, tools). */
    static EventSlices of(List<byte[]> events) {
        return new EventSlices() {
            @Override
            public int count() {
                return events.size();
            }

            @Override
            public byte[] array(int i) {
                return events.get(i);
            }

            @Override
            public int offset(int i) {
                return 0;
            }

            @Override
            public int length(int i) {
                return events.get(i).length;
            }
        };
    }
}
