// Starts one of the Python emulators (tests/cloud/emulators) for a test and stops it afterwards.
// The Python comes from VANIKEYS_PYTHON (set by CTest to the .venv that ./test.sh creates).
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

#include <string>

class EmulatorProcess {
public:
    EmulatorProcess() = default;
    EmulatorProcess(const EmulatorProcess&) = delete;
    EmulatorProcess& operator=(const EmulatorProcess&) = delete;
    ~EmulatorProcess() { stop(); }

    static QString python() { return qEnvironmentVariable("VANIKEYS_PYTHON"); }
    static bool available() { return !python().isEmpty() && QFile::exists(python()); }

    // Runs `script` (a file in tests/cloud/emulators) with `args`; waits for "LISTENING <port>".
    bool start(const QString& script, const QStringList& args) {
        process_.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process_.start(python(), QStringList{QStringLiteral(VANIKEYS_SOURCE_DIR "/tests/cloud/emulators/") + script} + args);
        if (!process_.waitForStarted(10'000)) return false;
        QByteArray seen;
        while (process_.waitForReadyRead(30'000)) {
            seen += process_.readAllStandardOutput();
            const int at = seen.indexOf("LISTENING ");
            const int end = seen.indexOf('\n', at);
            if (at >= 0 && end > at) {
                port_ = seen.mid(at + 10, end - at - 10).trimmed().toInt();
                return port_ > 0;
            }
        }
        return false;
    }

    void stop() {
        if (process_.state() != QProcess::NotRunning) {
            process_.terminate();
            if (!process_.waitForFinished(5'000)) {
                process_.kill();
                process_.waitForFinished(5'000);
            }
        }
    }

    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] std::string base(const char* scheme = "http") const {
        return std::string(scheme) + "://127.0.0.1:" + std::to_string(port_);
    }

private:
    QProcess process_;
    int port_ = 0;
};
