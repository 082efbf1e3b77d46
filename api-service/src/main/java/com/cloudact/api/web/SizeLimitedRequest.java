package com.cloudact.api.web;

import com.cloudact.model.CloudActException;
import com.cloudact.model.ErrorCode;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import org.springframework.util.unit.DataSize;

/** A request whose body (sent without a length) is refused with 413 once it grows past the limit. */
final class SizeLimitedRequest extends HttpServletRequestWrapper {

    private final DataSize limit;
    private ServletInputStream stream;

    SizeLimitedRequest(HttpServletRequest request, DataSize limit) {
        super(request);
        this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new Counting(super.getInputStream(), limit.toBytes(), limit.toMegabytes());
        }
        return stream;
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private final long megabytes;
        private long read;

        Counting(ServletInputStream in, long limit, long megabytes) {
            this.in = in;
            this.limit = limit;
            this.megabytes = megabytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new CloudActException(ErrorCode.PAYLOAD_TOO_LARGE,
                        "The request body is larger than " + megabytes + " MB");
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
