package com.cloudact.platform.web;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import com.cloudact.model.RetryLaterException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error of the API and pipeline services as RFC 9457 Problem Details: {@code detail} is a message for
 * people, {@code error} the machine code, {@code request_id} the id to quote to support. Spring's own 4xx share
 * the format; anything unexpected is a 500 whose detail says nothing about internals (the stack trace goes to
 * the log only).
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(CloudActException.class)
    ResponseEntity<Object> onCloudAct(CloudActException ex) {
        HttpStatusCode status = HttpStatusCode.valueOf(ex.code().httpStatus());
        if (status.is5xxServerError()) {
            LOG.error("Request failed: {}", ex.getMessage(), ex);
        }
        HttpHeaders headers = new HttpHeaders();
        if (ex instanceof RetryLaterException retry) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retry.retryAfterSeconds()));
        }
        String detail = status.value() == 500 ? "Internal server error" : ex.getMessage();
        return problem(status, ex.code(), detail, headers, Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        CloudActException cause = findCause(ex, CloudActException.class);
        if (cause != null) {
            return onCloudAct(cause);
        }
        String name = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        return problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_PARAMETER,
                "Invalid value for " + name, new HttpHeaders(), Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> onUnexpected(Exception ex) {
        CloudActException cause = findCause(ex, CloudActException.class);
        if (cause != null) {
            return onCloudAct(cause);
        }
        LOG.error("Unexpected error", ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_ERROR, "Internal server error",
                new HttpHeaders(), Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> Map.of("field", snakeCase(e.getField()), "message", String.valueOf(e.getDefaultMessage())))
                .toList();
        String detail = errors.stream().map(e -> e.get("field") + ": " + e.get("message"))
                .collect(Collectors.joining("; "));
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, ErrorCode.VALIDATION_FAILED,
                detail.isEmpty() ? "Request body is invalid" : detail, new HttpHeaders(), Map.of("errors", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = ex.getAllErrors().stream().map(e -> String.valueOf(e.getDefaultMessage()))
                .collect(Collectors.joining("; "));
        return problem(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_PARAMETER, detail, new HttpHeaders(), Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        CloudActException cause = findCause(ex, CloudActException.class);
        if (cause != null) {
            return onCloudAct(cause);
        }
        UnrecognizedPropertyException unknown = findCause(ex, UnrecognizedPropertyException.class);
        if (unknown != null) {
            return problem(HttpStatus.UNPROCESSABLE_CONTENT, ErrorCode.VALIDATION_FAILED,
                    "Unknown field '" + unknown.getPropertyName() + "'", new HttpHeaders(), Map.of());
        }
        JacksonException json = findCause(ex, JacksonException.class);
        if (json != null && !json.getPath().isEmpty()) {
            String field = json.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
            return problem(HttpStatus.UNPROCESSABLE_CONTENT, ErrorCode.VALIDATION_FAILED,
                    "Field '" + field + "' has a value of the wrong type", new HttpHeaders(), Map.of());
        }
        return problem(HttpStatus.BAD_REQUEST, ErrorCode.BAD_REQUEST, "Malformed JSON request body",
                new HttpHeaders(), Map.of());
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, ErrorCode.PAYLOAD_TOO_LARGE,
                "The uploaded file is larger than this service accepts", new HttpHeaders(), Map.of());
    }

    /** Spring's own errors (404, 405, 415 ...) keep their status and get our members. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        String detail = body instanceof ProblemDetail pd && pd.getDetail() != null ? pd.getDetail()
                : HttpStatus.valueOf(statusCode.value()).getReasonPhrase();
        return problem(statusCode, codeFor(statusCode), detail, headers, Map.of());
    }

    private static ResponseEntity<Object> problem(HttpStatusCode status, ErrorCode code, String detail,
                                                  HttpHeaders headers, Map<String, Object> extra) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setProperty("error", code.wireName());
        pd.setProperty("request_id", RequestId.current());
        new LinkedHashMap<>(extra).forEach(pd::setProperty);
        HttpHeaders out = new HttpHeaders();
        out.addAll(headers);
        if (status.value() == 401) {
            out.set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey");
        }
        out.setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(pd, out, status);
    }

    private static ErrorCode codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 401 -> ErrorCode.MISSING_API_KEY;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 422 -> ErrorCode.VALIDATION_FAILED;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status.is5xxServerError() ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
        };
    }

    /** Request fields are snake_case on the wire; bean validation reports the Java names. */
    private static String snakeCase(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
