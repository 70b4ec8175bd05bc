package io.sluice.outputs.otlp;

import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2SecurityUtil;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolNames;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.sluice.api.tls.ClientTls;

import javax.net.ssl.SSLContext;

/**
 * The {@code tls} block of the HTTP outputs applied to a gRPC channel: the one TLS setup
 * ({@link ClientTls}: CA file, pinned fingerprint, client certificate) gives a JDK context, which
 * grpc-java's shaded Netty takes wrapped in a {@link JdkSslContext} that offers {@code h2} by ALPN,
 * as gRPC requires. gRPC checks the server's host name itself (the endpoint's host, or {@code server_name}).
 */
final class GrpcTls {
    private static final ApplicationProtocolConfig H2 = new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2);

    private GrpcTls() {}

    /** TLS on the channel: the block's context, or grpc-java's default (the JVM's trust store) when the block sets nothing. */
    static NettyChannelBuilder configure(NettyChannelBuilder channel, ClientTls tls) throws Exception {
        SSLContext jdk = tls.sslContext();
        if (jdk == null) return channel.useTransportSecurity();
        return channel.sslContext(new JdkSslContext(jdk, true, Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE,
                H2, ClientAuth.NONE, null, false));
    }
}
