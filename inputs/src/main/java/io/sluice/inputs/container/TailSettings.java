package io.sluice.inputs.container;

import io.sluice.inputs.multiline.MultilineSettings;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The container input's options, read once from the config.
 *
 * @param paths         globs of files to tail
 * @param exclude       globs of files to leave out (matched against the path and the file name)
 * @param format        the files' format, or AUTO to detect it per file
 * @param readFromEnd   files found at the first start without a checkpoint start at their end
 * @param maxLineBytes  longest record kept; longer ones are cut and tagged truncated
 * @param flushTimeout  how long a partial record waits for its continuation
 * @param rotateWait    how long a file that left the globs (rotated, deleted) is still read before release
 * @param maxOpenFiles  open descriptors at most; idle files are closed and reopened by position
 * @param scanInterval  how often the globs are scanned (besides file-system watch events)
 * @param multiline     how continuation lines are joined into one event (null: they are not)
 * @param shutdownAckWait how long a stopping input waits for acknowledgements before its last checkpoint
 * @param multilinePreset the settings of a built-in rule a pod's {@code sluice.io/multiline} names (null for
 *                        {@code none}), with this input's limits
 */
record TailSettings(List<String> paths, List<String> exclude, Format format, boolean readFromEnd, int maxLineBytes,
                    Duration flushTimeout, Duration rotateWait, int maxOpenFiles, Duration scanInterval,
                    MultilineSettings multiline, Duration shutdownAckWait,
                    Function<String, MultilineSettings> multilinePreset, String timezone) {

}
