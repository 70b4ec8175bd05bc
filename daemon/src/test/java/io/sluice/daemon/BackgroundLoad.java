package io.sluice.daemon;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/** Repeats a step (sending a batch, appending to a file) on its own thread until closed: a daemon under steady load. */
final class BackgroundLoad implements AutoCloseable {
    /** One round of load; an exception ends the load. */
    interface Step {
        void run() throws Exception;
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    private BackgroundLoad(Step step, Duration pause) {
        thread = new Thread(() -> {
            while (running.get()) {
                try {
                    step.run();
                    Thread.sleep(pause.toMillis());
                } catch (Exception e) {
                    return;
                }
            }
        }, "load");
    }

    static BackgroundLoad start(Step step, Duration pause) {
        BackgroundLoad load = new BackgroundLoad(step, pause);
        load.thread.start();
        return load;
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
    }
}
