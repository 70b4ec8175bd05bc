package io.sluice.core.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs {@code router-core/src/test/php/write_logs.php} (PHP Monolog, Debian 12's {@code php-monolog} 2.9.1 on
 * {@code php-cli} 8.2), {@code router-core/src/test/ruby/write_logs.rb} (Ruby 3.1's {@code Logger}) and
 * {@code rails_app.rb} (Rails 6.1, with and without lograge 0.10):
 * what each writes to standard output is saved into a directory, a file per formatter. Skips the calling
 * test, by an assumption, when the interpreter or the library is missing ({@code .ci/run} installs them).
 */
public final class PhpAndRubyLoggers {
    /**
     * Monolog's formatters the PHP script sets up, by the name it takes: {@code monolog-<name>.log};
     * {@code monolog-exception.log} holds the logged exception as PHP prints one ({@code (string) $e}).
     */
    public static final List<String> MONOLOG_FORMATTERS = List.of("line", "laravel", "json", "json-trace", "logstash", "exception");
    private static final String MONOLOG = "/usr/share/php/Monolog/autoload.php";

    private PhpAndRubyLoggers() {}

    /** Writes {@code monolog-<formatter>.log} for each of {@link #MONOLOG_FORMATTERS} into {@code out}. */
    public static void writeMonolog(Path out) throws Exception {
        assumeTrue(TestScripts.runs("php", "-r", "require '" + MONOLOG + "'; exit(class_exists('Monolog\\\\Logger') ? 0 : 1);"),
                "no php with Monolog: apt-get install php-cli php-monolog");
        for (String formatter : MONOLOG_FORMATTERS) {
            TestScripts.run(out.resolve("monolog-" + formatter + ".log"), "php", "php/write_logs.php", formatter);
        }
    }

    /** Writes {@code ruby-logger.log} into {@code out}. */
    public static void writeRubyLogger(Path out) throws Exception {
        assumeTrue(TestScripts.runs("ruby", "-e", "require 'logger'"), "no ruby: apt-get install ruby");
        TestScripts.run(out.resolve("ruby-logger.log"), "ruby", "ruby/write_logs.rb");
    }

    /**
     * Writes {@code rails.log} (a Rails 6.1 application as production.rb sets up its logging, two requests,
     * the second raising) and {@code rails-lograge.log} (the same with lograge's Json formatter) into
     * {@code out}: {@code router-core/src/test/ruby/rails_app.rb}, on Debian's ruby-railties, which
     * ruby-lograge brings.
     */
    public static void writeRails(Path out) throws Exception {
        assumeTrue(TestScripts.runs("ruby", "-e", "require 'action_controller/railtie'; require 'lograge'"),
                "no Rails and lograge for ruby: apt-get install ruby-lograge");
        TestScripts.run(out.resolve("rails.log"), "ruby", "ruby/rails_app.rb");
        TestScripts.run(out.resolve("rails-lograge.log"), "ruby", "ruby/rails_app.rb", "lograge");
    }

    /** The lines of a file the scripts wrote. */
    public static List<String> lines(Path out, String file) throws Exception {
        return Files.readAllLines(out.resolve(file));
    }
}
