import Foundation

extension AreaPage {
    /// One current item: heading, EXERCISE banner, update and validity times, the advice, and what to do
    /// (once: not when the advice already says it).
    static func article(_ advice: Advice, timeZone: TimeZone) -> [String] {
        var out = ["<article>", "<h3>\(heading(advice))</h3>"]
        if advice.isExercise { out.append("<p class=\"banner\" role=\"note\">\(text(exerciseNotice))</p>") }
        if let updated = advice.updated {
            let when = PageTime.relative(updated, to: advice.issued, timeZone)
            out.append("<p class=\"updated\">Updated \(text(when))</p>")
        }
        var meta = "Issued \(PageTime.full(advice.issued, timeZone))."
        if let expires = advice.expires {
            meta += " Valid until \(PageTime.full(expires, timeZone))."
        } else {
            meta += " Valid until further notice."
        }
        out.append("<p class=\"meta\">\(text(meta))</p>")
        let blocks = withoutRepeats(AdviceText.blocks(advice.summary), headline: advice.headline)
        out.append(contentsOf: AdviceText.html(blocks, headingLevel: 4))
        if needsInstruction(advice, summaryBlocks: blocks) {
            out.append("<h4>What to do</h4>")
            out.append(contentsOf: AdviceText.html(AdviceText.blocks(advice.instruction), headingLevel: 5))
        }
        out.append("</article>")
        return out
    }

    /// One ended item: heading and when and why it was cancelled, or when it ended; not its advice,
    /// so nobody follows it by mistake.
    static func endedArticle(_ advice: Advice, timeZone: TimeZone) -> [String] {
        var out = ["<article>", "<h3>\(heading(advice))</h3>"]
        if advice.isExercise { out.append("<p class=\"banner\" role=\"note\">\(text(exerciseNotice))</p>") }
        let status: String
        if let cancellation = advice.cancellation {
            let reason = cancellation.reason.trimmingCharacters(in: .whitespacesAndNewlines)
            let when = "Cancelled \(PageTime.full(cancellation.at, timeZone))"
            if reason.isEmpty {
                status = when + "."
            } else {
                status = "\(when): \(reason)" + (".!?".contains(reason.last ?? ".") ? "" : ".")
            }
        } else if let expires = advice.expires {
            status = "Ended \(PageTime.full(expires, timeZone))."
        } else {
            status = "Ended."
        }
        out.append("<p class=\"status\">\(text(status))</p>")
        let issued = "Issued \(PageTime.full(advice.issued, timeZone))."
        out.append("<p class=\"meta\">\(text(issued))</p>")
        out.append("</article>")
        return out
    }

    /// The item's heading, escaped: `EXERCISE: ` and `Update: ` before the headline when they apply.
    static func heading(_ advice: Advice) -> String {
        let prefix = (advice.isExercise ? "EXERCISE: " : "") + (advice.isUpdate ? "Update: " : "")
        return text(prefix + advice.headline.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// `blocks` without what the page already says: a first line that only repeats the headline (the text
    /// part's title line: the same words, or the words after the subject's label, as "Scam warning: fake
    /// messages" repeats "Fake messages"), and an `Area:` / `Sent:` block at the start (the page says both).
    static func withoutRepeats(_ blocks: [AdviceText.Block], headline: String) -> [AdviceText.Block] {
        var rest = blocks[...]
        let title: String?
        switch rest.first {
        case .heading(let line): title = line
        case .paragraph(let lines) where lines.count == 1: title = lines[0]
        default: title = nil
        }
        if let title {
            let line = AdviceText.normalised(title)
            let full = AdviceText.normalised(headline)
            if full == line || full.hasSuffix(": " + line) { rest = rest.dropFirst() }
        }
        let areaAndSent = rest.prefix(2).firstIndex { block in
            guard case .paragraph(let lines) = block else { return false }
            return lines.allSatisfy { $0.hasPrefix("Area: ") || $0.hasPrefix("Sent: ") }
        }
        if let areaAndSent { rest.remove(at: areaAndSent) }
        return Array(rest)
    }

    /// False when there is no instruction, or the advice already has a "What to do" heading (or a
    /// "What to do:" line leading into a list) or the instruction's text.
    static func needsInstruction(_ advice: Advice, summaryBlocks: [AdviceText.Block]) -> Bool {
        guard !advice.instruction.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return false }
        func isWhatToDo(_ line: String) -> Bool {
            let words = AdviceText.normalised(line)
            return words == "what to do" || words == "what to do:"
        }
        let saysWhatToDo = summaryBlocks.contains { block in
            switch block {
            case .heading(let text): isWhatToDo(text)
            case .paragraph(let lines): lines.contains(where: isWhatToDo)
            case .list: false
            }
        }
        return !saysWhatToDo && !AdviceText.contains(advice.summary, advice.instruction)
    }
}
