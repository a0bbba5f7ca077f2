package gazette;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that runs programs nobody here wrote (Debian packages that {@code .ci/install} installs). Where
 * one is missing the test is skipped, and one line says what is missing; with the system property
 * {@code gazette.interop=required} (set by {@code .ci/run}) a missing program fails the test instead.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ToolCheck.class)
public @interface NeedsTools {
  Tool[] value();
}
