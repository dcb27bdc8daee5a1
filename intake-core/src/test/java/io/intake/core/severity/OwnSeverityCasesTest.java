package io.intake.core.severity;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Our own labelled set (written from the policy before tuning), a guard against fitting the public wording. */
class OwnSeverityCasesTest extends LabelledCasesContract {

    @Override
    Path casesFile() {
        try {
            var url = OwnSeverityCasesTest.class.getResource("/severity/own-cases.jsonl");
            if (url == null) {
                throw new IllegalStateException("test resource /severity/own-cases.jsonl is missing");
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad resource URL", e);
        }
    }

    @Override
    String title() {
        return "own-cases.jsonl";
    }
}
