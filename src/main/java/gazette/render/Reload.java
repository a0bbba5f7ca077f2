package gazette.render;

import java.time.Duration;
import java.time.Instant;

/** Which rebuild of the Site this is: when it began, how long it took, and how many there have been. */
public record Reload(Instant at, Duration took, long count) {}
