FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends mariadb-client && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY target/pod-migrate-*.jar /app/pod-migrate.jar
VOLUME /workspace
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/pod-migrate.jar"]
