<?php
// Writes what PHP's Monolog (Debian 12's php-monolog 2.9.1, the logger of Laravel and Symfony) writes to
// standard output with the formatter named by the first argument: "line" (the default LineFormatter),
// "laravel" (the LineFormatter as Laravel's LogManager sets it up: its date format, inline line breaks,
// empty context and extra left out, stack traces), "json" (JsonFormatter), "json-trace" (JsonFormatter with
// includeStacktraces) or "logstash" (LogstashFormatter); "exception" prints only the logged exception as PHP
// prints one ((string) $e). UidProcessor and IntrospectionProcessor add to
// every record's extra. Logs info, warning, notice and error lines, context arrays, an exception in the
// context (['exception' => $e], which Monolog normalizes), then critical, alert, emergency and debug lines, and a
// warning from a second logger without processors or context.
// Run by PhpAndRubyLoggerShapesTest and the inputs module's PhpAndRubyLinesTest and MultilineTest (see .ci/run
// for the packages).
require '/usr/share/php/Monolog/autoload.php';

use Monolog\Formatter\JsonFormatter;
use Monolog\Formatter\LineFormatter;
use Monolog\Formatter\LogstashFormatter;
use Monolog\Handler\NullHandler;
use Monolog\Handler\StreamHandler;
use Monolog\Logger;
use Monolog\Processor\IntrospectionProcessor;
use Monolog\Processor\UidProcessor;

class PaymentGateway
{
    public function charge(int $cents): void
    {
        $this->send($cents);
    }

    private function send(int $cents): void
    {
        throw new RuntimeException("gateway timeout after {$cents} cents", 504);
    }
}

class Checkout
{
    /** @param bool $print the exception as PHP prints one, (string) $e, on standard output */
    public function __construct(private bool $print = false)
    {
    }

    public function run(Logger $log): void
    {
        $log->info('user signed in', ['user' => 'u1', 'attempt' => 2]);
        $log->warning('disk low');
        $log->notice('cache warmed');
        $log->error('request failed', ['path' => '/orders']);
        try {
            (new PaymentGateway())->charge(1250);
        } catch (RuntimeException $e) {
            if ($this->print) echo $e, "\n";
            $log->error('charge failed', ['exception' => $e, 'order' => 17]);
        }
        $log->critical('database down');
        $log->alert('paged on-call');
        $log->emergency('all down');
        $log->debug('after the exception');
    }
}

$formatter = match ($argv[1] ?? '') {
    'line' => new LineFormatter(),
    'laravel' => (new LineFormatter(null, 'Y-m-d H:i:s', true, true))->includeStacktraces(),
    'json' => new JsonFormatter(),
    'json-trace' => (new JsonFormatter())->includeStacktraces(),
    'logstash' => new LogstashFormatter('shop'),
    'exception' => null,
};
$handler = $formatter === null ? new NullHandler() : new StreamHandler('php://stdout');
if ($formatter !== null) $handler->setFormatter($formatter);
$log = new Logger('app', [$handler]);
$log->pushProcessor(new UidProcessor());
$log->pushProcessor(new IntrospectionProcessor());
(new Checkout($formatter === null))->run($log);
// a logger without processors, logging without context: Monolog writes "[] []" for the empty context and extra
(new Logger('security', [$handler]))->warning('login throttled');
