// Writes what Go's logging libraries really write (Debian 12's packages: zap, zerolog, logrus, go-kit/log,
// hclog), one scenario per run, to standard output (a Go panic: standard error). Built and run by
// GoLibraries (router-core's tests): `write_logs SCENARIO`.
package main

import (
	"fmt"
	"os"
	"strconv"

	kitlog "github.com/go-kit/log"
	kitlevel "github.com/go-kit/log/level"
	"github.com/hashicorp/go-hclog"
	"github.com/pkg/errors"
	"github.com/rs/zerolog"
	"github.com/rs/zerolog/pkgerrors"
	"github.com/sirupsen/logrus"
	"go.uber.org/zap"
)

var errRefused = fmt.Errorf("connection refused")

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: write_logs SCENARIO")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "zap-production":
		zapLogs(must(zap.NewProduction()))
	case "zap-development":
		zapLogs(must(zap.NewDevelopment()))
	case "zerolog":
		zerologLogs(zerolog.New(os.Stdout))
	case "zerolog-unix":
		zerolog.TimeFieldFormat = zerolog.TimeFormatUnix
		zerologLogs(zerolog.New(os.Stdout))
	case "zerolog-console":
		zerologLogs(zerolog.New(zerolog.ConsoleWriter{Out: os.Stdout, NoColor: true}))
	case "logrus-json":
		logrusLogs(&logrus.JSONFormatter{})
	case "logrus-text":
		logrusLogs(&logrus.TextFormatter{})
	case "gokit-logfmt":
		gokitLogs(kitlog.NewLogfmtLogger(kitlog.NewSyncWriter(os.Stdout)))
	case "gokit-json":
		gokitLogs(kitlog.NewJSONLogger(kitlog.NewSyncWriter(os.Stdout)))
	case "hclog":
		hclogLogs(false)
	case "hclog-json":
		hclogLogs(true)
	case "panic":
		fmt.Println("starting up")
		var orders map[string]int
		orders["o-17"] = 2 // a nil map: the runtime panics
	default:
		fmt.Fprintln(os.Stderr, "unknown scenario", os.Args[1])
		os.Exit(2)
	}
}

func must(l *zap.Logger, err error) *zap.Logger {
	if err != nil {
		panic(err)
	}
	return l
}

// recovered runs f, which panics after logging, and swallows the panic.
func recovered(f func()) {
	defer func() { recover() }()
	f()
}

func zapLogs(base *zap.Logger) {
	defer base.Sync()
	l := base.Named("checkout")
	l.Debug("cache warmed", zap.Int("entries", 42))
	l.Info("user signed in", zap.String("user", "u1"), zap.Int("attempt", 2))
	l.Warn("disk low", zap.Float64("free_gb", 1.5))
	l.Error("request failed", zap.Error(errRefused), zap.String("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736"))
	if base.Core().Enabled(zap.DebugLevel) { // development: DPanic panics
		recovered(func() { l.DPanic("invariant broken") })
	} else {
		l.DPanic("invariant broken")
	}
	recovered(func() { l.Panic("cannot continue") })
	l.Info("after the panic")
}

func zerologLogs(base zerolog.Logger) {
	zerolog.ErrorStackMarshaler = pkgerrors.MarshalStack
	l := base.With().Timestamp().Caller().Str("component", "checkout").Logger()
	l.Trace().Msg("entering handler")
	l.Debug().Int("entries", 42).Msg("cache warmed")
	l.Info().Str("user", "u1").Int("attempt", 2).Msg("user signed in")
	l.Warn().Float64("free_gb", 1.5).Msg("disk low")
	l.Error().Err(errRefused).Str("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736").Msg("request failed")
	l.Error().Stack().Err(errors.Wrap(errRefused, "payment")).Msg("payment failed")
	recovered(func() { l.Panic().Msg("cannot continue") })
	l.Info().Msg("after the panic")
}

func logrusLogs(f logrus.Formatter) {
	l := logrus.New()
	l.SetOutput(os.Stdout)
	l.SetFormatter(f)
	l.SetLevel(logrus.TraceLevel)
	l.SetReportCaller(true)
	l.Trace("entering handler")
	l.WithField("entries", 42).Debug("cache warmed")
	l.WithFields(logrus.Fields{"user": "u1", "attempt": 2}).Info("user signed in")
	l.WithField("free_gb", 1.5).Warn("disk low")
	l.WithError(errRefused).WithField("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736").Error("request failed")
	recovered(func() { l.Panic("cannot continue") })
	l.Info("after the panic")
}

func gokitLogs(base kitlog.Logger) {
	l := kitlog.With(base, "ts", kitlog.DefaultTimestampUTC, "caller", kitlog.DefaultCaller, "component", "checkout")
	kitlevel.Debug(l).Log("msg", "cache warmed", "entries", 42)
	kitlevel.Info(l).Log("msg", "user signed in", "user", "u1", "attempt", 2)
	kitlevel.Warn(l).Log("msg", "disk low", "free_gb", 1.5)
	kitlevel.Error(l).Log("msg", "request failed", "err", errRefused, "trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
}

func hclogLogs(json bool) {
	l := hclog.New(&hclog.LoggerOptions{Name: "checkout", Level: hclog.Trace, Output: os.Stdout,
		JSONFormat: json, IncludeLocation: true})
	l.Trace("entering handler")
	l.Debug("cache warmed", "entries", 42)
	l.Info("user signed in", "user", "u1", "attempt", 2)
	l.Warn("disk low", "free_gb", 1.5)
	l.Error("request failed", "error", errRefused, "trace_id", "4bf92f3577b34da6a3ce929d0e0e4736")
	l.Named("db").Info("pool ready", "size", strconv.Itoa(8))
}
