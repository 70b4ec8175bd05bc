package io.sluice.inputs.kubernetes;

/**
 * An image reference split as ECS's {@code container.image.*} wants it:
 * {@code registry:5000/team/api:1.4@sha256:ab..} is name {@code registry:5000/team/api}, tag {@code 1.4}.
 */
record ImageRef(String name, String tag) {
    static ImageRef parse(String image) {
        if (image == null || image.isEmpty()) return new ImageRef(null, null);
        int at = image.indexOf('@');
        String ref = at < 0 ? image : image.substring(0, at);
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        // a colon before the last slash is a registry's port, not a tag
        if (colon > slash) return new ImageRef(ref.substring(0, colon), ref.substring(colon + 1));
        return new ImageRef(ref, null);
    }

    /** The digest of a runtime's image id ({@code docker.io/library/nginx@sha256:ab..} or {@code sha256:ab..}), or null. */
    static String digest(String imageId) {
        if (imageId == null || imageId.isEmpty()) return null;
        int at = imageId.lastIndexOf('@');
        String d = at < 0 ? imageId : imageId.substring(at + 1);
        int scheme = d.indexOf("://");
        return scheme < 0 ? d : d.substring(scheme + 3);
    }
}
