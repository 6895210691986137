package dev.neurite.kernel.opencl;

/** An OpenCL call failed, or OpenCL cannot be used here; the message names the status code. */
public class OpenClException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The OpenCL status code, or {@code CL_SUCCESS} (0) when the failure is not a call's status. */
    private final int status;

    OpenClException(String message) {
        super(message);
        this.status = 0;
    }

    OpenClException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The OpenCL status code, 0 when there was none. */
    public int status() {
        return status;
    }
}
