# Writes what Ruby's standard Logger (Ruby 3.1, Debian 12's ruby; what Rails writes by default) writes with
# its default formatter to standard output: "X, [time #pid] LEVEL -- progname: message". Logs every
# severity (unknown's letter is A, "ANY"), with and without a progname, a message of two lines, an
# exception object (Logger writes "message (Class)" then the backtrace), then a last line. (How Rails
# logs an exception: rails_app.rb.) Run by PhpAndRubyLoggerShapesTest and the inputs module's
# PhpAndRubyLinesTest and MultilineTest (see .ci/run for the package).
require 'logger'

class PaymentGateway
  def charge(cents)
    send_request(cents)
  end

  def send_request(cents)
    raise ArgumentError, "card declined for #{cents} cents"
  end
end

$stdout.sync = true
log = Logger.new($stdout)
log.progname = 'shop'
log.debug('cache warmed')
log.info('user signed in')
log.warn('disk low')
log.error('request failed')
log.fatal('database down')
log.unknown('deploy finished')
log.info("first line\nsecond line")
begin
  PaymentGateway.new.charge(1250)
rescue ArgumentError => e
  log.error(e)
end
Logger.new($stdout).info('no progname')
log.info('after the exception')
