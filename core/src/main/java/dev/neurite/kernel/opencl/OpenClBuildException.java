package dev.neurite.kernel.opencl;

/** A kernel program did not compile; carries the device compiler's build log. */
public final class OpenClBuildException extends OpenClException {

    private static final long serialVersionUID = 1L;

    private final String buildLog;

    OpenClBuildException(String program, int status, String buildLog) {
        super(ClStatus.message("clBuildProgram", status) + " for " + program + ":\n" + buildLog, status);
        this.buildLog = buildLog;
    }

    /** The compiler's output for the failed build. */
    public String buildLog() {
        return buildLog;
    }
}
