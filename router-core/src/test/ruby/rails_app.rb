# A Rails application in one file (Debian 12's ruby-railties and ruby-actionpack 6.1, which ruby-lograge
# brings), logging to standard output as config/environments/production.rb sets it up with
# RAILS_LOG_TO_STDOUT: Ruby's Logger::Formatter, tagged with the request id. With the argument "lograge",
# lograge 0.10 (Debian's ruby-lograge) with its Json formatter replaces the request lines. Two requests
# run through the real middleware stack: GET /orders (200, the action logs a line) and GET /charge (the
# action raises: Rails' DebugExceptions logs the exception and its backtrace). Run by the inputs module's
# PhpAndRubyLinesTest and MultilineTest (see .ci/run for the packages).
ENV['RAILS_ENV'] = 'production'
require 'logger'
require 'action_controller/railtie'
require 'lograge' if ARGV[0] == 'lograge'

class ShopApp < Rails::Application
  config.root = __dir__
  config.eager_load = false
  config.secret_key_base = 'x' * 64
  config.hosts.clear
  # as production.rb generates it
  config.log_level = :info
  config.log_tags = [:request_id]
  config.log_formatter = ::Logger::Formatter.new
  logger = ActiveSupport::Logger.new($stdout)
  logger.formatter = config.log_formatter
  config.logger = ActiveSupport::TaggedLogging.new(logger)
  if ARGV[0] == 'lograge'
    config.lograge.enabled = true
    config.lograge.formatter = Lograge::Formatters::Json.new
  end
  routes.append do
    get '/orders' => 'orders#index'
    get '/charge' => 'orders#charge'
  end
end

class PaymentGateway
  def charge(cents)
    raise ArgumentError, "card declined for #{cents} cents"
  end
end

class OrdersController < ActionController::Base
  def index
    logger.info 'listing orders'
    render plain: 'ok'
  end

  def charge
    PaymentGateway.new.charge(1250)
  end
end

ShopApp.initialize!
$stdout.sync = true
requests = Rack::MockRequest.new(ShopApp)
requests.get('/orders')
requests.get('/charge')
