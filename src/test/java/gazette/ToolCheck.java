package gazette;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Skips (or, when interop is required, fails) a {@link NeedsTools} test whose programs are not installed. */
final class ToolCheck implements ExecutionCondition {
  /** Set by .ci/run: on CI a missing reader is a failure, never a silent skip. */
  static final boolean REQUIRED = "required".equals(System.getProperty("gazette.interop"));
  private static final Set<Tool> ANNOUNCED = new HashSet<>();

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    List<Tool> missing = context.getElement()
        .flatMap(element -> AnnotationSupport.findAnnotation(element, NeedsTools.class))
        .map(needs -> Arrays.stream(needs.value()).filter(tool -> !tool.present()).toList())
        .orElse(List.of());
    if (missing.isEmpty()) {
      return ConditionEvaluationResult.enabled("every program it runs is installed");
    }
    String what = String.join(", ", missing.stream().map(Tool::debianPackage).toList());
    if (REQUIRED) {
      throw new IllegalStateException("interop is required (gazette.interop=required) but not installed: " + what
          + " (bash .ci/install installs them)");
    }
    announce(missing, what);
    return ConditionEvaluationResult.disabled("not installed: " + what);
  }

  private static synchronized void announce(List<Tool> missing, String what) {
    if (ANNOUNCED.addAll(missing)) {
      System.out.println("[gazette] skipping the interop tests that need " + what
          + ": not installed (sudo bash .ci/install installs them; CI requires them)");
    }
  }
}
