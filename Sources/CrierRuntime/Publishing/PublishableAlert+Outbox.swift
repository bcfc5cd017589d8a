import CrierCore
import CrierStore
import CrierTemplates
import Foundation

extension PublishableAlert {
    /// Loads what `Publisher.publish` needs at `now` from the outbox, classifying each message with its template's CAP metadata.
    static func load(
        from outbox: some PublishingReads, templates: TemplateLibrary, settings: PublishSettings, now: Date
    ) throws -> [PublishableAlert] {
        try outbox.publishableMessages(since: settings.windowStart(now: now)).map { stored in
            PublishableAlert(
                message: stored.message, renditions: stored.renditions,
                cap: (templates.metadata(for: stored.message.template)?.cap
                    ?? fallbackCAP(topic: stored.message.topic)).classified(as: stored.message.cap),
                instruction: instruction(fromVariablesJSON: stored.message.variablesJSON))
        }
    }
}
